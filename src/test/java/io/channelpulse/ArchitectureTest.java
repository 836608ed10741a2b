package io.channelpulse;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import io.channelpulse.analytics.RollupTimezone;
import io.channelpulse.ingest.ChannelPoller;
import io.channelpulse.ingest.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Which way the dependencies between the app's packages run: web → features → store, the t.me reader on its own,
 * no cycles between top-level packages but those of the counting that still runs inside {@code store} and the
 * time-zone rebuild. Plain JUnit over the
 * compiled classes, no Quarkus.
 */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.channelpulse");

    @Test
    void theTelegramReaderNeedsNothingElseOfTheApp() {
        noClasses().that().resideInAPackage("io.channelpulse.ingest.telegram..")
                .should().dependOnClassesThat(describe("are in io.channelpulse outside ingest.telegram",
                        (JavaClass c) -> c.getPackageName().startsWith("io.channelpulse")
                                && !c.getPackageName().startsWith("io.channelpulse.ingest.telegram")))
                .check(APP);
    }

    @Test
    void noFeatureDependsOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("io.channelpulse.web..")
                .should().dependOnClassesThat().resideInAPackage("io.channelpulse.web..")
                .check(APP);
    }

    @Test
    void theSharedApiPiecesDependOnNoOtherPackage() {
        noClasses().that().resideInAPackage("io.channelpulse.api..")
                .should().dependOnClassesThat(describe("are in io.channelpulse outside api",
                        (JavaClass c) -> c.getPackageName().startsWith("io.channelpulse")
                                && !c.getPackageName().startsWith("io.channelpulse.api")))
                .check(APP);
    }

    @Test
    void thePollerAndTheRegistryTalkThroughAnEvent() {
        noClasses().that().belongToAnyOf(ChannelPoller.class).should().dependOnClassesThat()
                .belongToAnyOf(ChannelRegistry.class).check(APP);
        noClasses().that().belongToAnyOf(ChannelRegistry.class).should().dependOnClassesThat()
                .belongToAnyOf(ChannelPoller.class).check(APP);
    }

    /**
     * The edges ignored here are the ones left while counting runs inside {@code store.PostStore.storePosts} (and
     * the stores around it): store hands each stored post to the features that count it. Any other edge that
     * closes a cycle fails.
     */
    /** Ingestion counts a batch before it stores it; the store only calls back the counter it was handed. */
    @Test
    void theStoreCountsNothingItself() {
        noClasses().that().resideInAPackage("io.channelpulse.store..")
                .should().callMethodWhere(describe("counts a post",
                        (com.tngtech.archunit.core.domain.JavaMethodCall call) -> {
                            String owner = call.getTargetOwner().getName();
                            String name = call.getName();
                            return owner.equals("io.channelpulse.analytics.Counting") && name.equals("facts")
                                    || owner.equals("io.channelpulse.network.PostCitations") && name.equals("of")
                                    || owner.equals("io.channelpulse.terms.TermExtractor") && name.equals("terms");
                        }))
                .check(APP);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.channelpulse.(*)..").should().beFreeOfCycles()
                // PostStore, RollupDelta, MentionChanges and RecountedPosts count hashtags and mentions (PostFacts,
                // Counting, Watchlist) while storing
                .ignoreDependency(resideInAPackage("io.channelpulse.store.."), resideInAPackage("io.channelpulse.analytics.."))
                // PostStore and ChannelPurge keep the term counts (TermDelta, TermCounting) of stored and purged posts
                .ignoreDependency(resideInAPackage("io.channelpulse.store.."), resideInAPackage("io.channelpulse.terms.."))
                // PostStore, CitationDelta, ForwardLags and CitationCounts keep the citation and forward-lag counts
                .ignoreDependency(resideInAPackage("io.channelpulse.store.."), resideInAPackage("io.channelpulse.network.."))
                // PostStore and PostDeletions queue the post events of new, edited and deleted posts for webhooks
                .ignoreDependency(resideInAPackage("io.channelpulse.store.."), resideInAPackage("io.channelpulse.alerts.."))
                // PostStore, PostRows and ForwardLags store what the reader parsed (ParsedPost, ChannelHeader)
                .ignoreDependency(resideInAPackage("io.channelpulse.store.."), resideInAPackage("io.channelpulse.ingest.telegram.."))
                // the time-zone rebuild recounts every post's terms and citations into the new days, through the
                // same counting code as storing; it goes with the counting when that moves out of store
                .ignoreDependency(JavaClass.Predicates.belongToAnyOf(RollupTimezone.class),
                        resideInAPackage("io.channelpulse.terms.."))
                .ignoreDependency(JavaClass.Predicates.belongToAnyOf(RollupTimezone.class),
                        resideInAPackage("io.channelpulse.network.."))
                .check(APP);
    }

    /**
     * Classes outside {@code store} that still reach JDBC or the EntityManager, each to move into {@code store}
     * (through {@code store.Sql} or an entity) when its part is reworked. Every one is the ingest storing and counting
     * path the lead is rewriting, or is handed a {@link java.sql.Connection} by it; nothing else may be added here.
     */
    private static final List<String> STILL_TALKING_JDBC = List.of(
            // the recounts beside the counting that runs inside PostStore.storePosts
            "io.channelpulse.analytics.MentionRecount",
            "io.channelpulse.analytics.RollupTimezone",
            // Watchlist.current(Connection) is called by PostStore inside its transaction
            "io.channelpulse.analytics.Watchlist",
            "io.channelpulse.terms.NameHours",
            "io.channelpulse.terms.NameHoursFill",
            "io.channelpulse.terms.TermBags",
            "io.channelpulse.terms.TermCounting",
            "io.channelpulse.terms.TermDelta",
            "io.channelpulse.terms.TermTotals",
            // the post events of edited and deleted posts, queued in the storing transaction's connection
            "io.channelpulse.alerts.PostEvents",
            "io.channelpulse.alerts.WebhookOutbox",
            // the generator tries a batch again when PostgreSQL picked it as a deadlock victim (an SQLState)
            "io.channelpulse.generate.SyntheticFill");

    /**
     * Database access lives in {@code store}: Panache entities for the tables people edit, {@code store.Sql} for
     * every other statement. {@code launch} is the other place, because {@code DatabaseCopy} copies one PostgreSQL
     * into another with the driver's COPY API before Quarkus (and its pool) starts.
     */
    @Test
    void onlyTheStoreTalksToTheDatabase() {
        noClasses().that().resideOutsideOfPackages("io.channelpulse.store..", "io.channelpulse.launch..")
                .and(describe("are not listed as still talking JDBC", (JavaClass c) -> !stillTalkingJdbc(c)))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat().belongToAnyOf(EntityManager.class)
                .check(APP);
    }

    private static boolean stillTalkingJdbc(JavaClass c) {
        String name = c.getName();
        return STILL_TALKING_JDBC.stream().anyMatch(listed -> name.equals(listed) || name.startsWith(listed + "$"));
    }
}
