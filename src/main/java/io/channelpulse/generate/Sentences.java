package io.channelpulse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sentences of the synthetic posts, apart from the tags because watched names are matched in them: named
 * entities in their English and Russian word forms, slotted into English and Russian templates.
 */
final class Sentences {

    private Sentences() {
    }

    /** A named thing with its English forms and its Russian forms by case. */
    private record Entity(double weight, String[] en, String[] enPossessive, String[] nom, String[] gen,
                          String[] dat, String[] ins, String[] pre) {
    }

    private static String[] a(String... forms) {
        return forms;
    }

    private static final Entity[] ENTITIES = {
            new Entity(10, a("Lavrov", "Sergey Lavrov", "Foreign Minister Lavrov"), a("Sergey Lavrov’s", "Lavrov's"),
                    a("Лавров", "Сергей Лавров"), a("Лаврова", "Сергея Лаврова"), a("Лаврову"), a("Лавровым"),
                    a("Лаврове")),
            new Entity(7, a("NATO", "the North Atlantic Alliance"), a("NATO's"), a("НАТО"), a("НАТО"), a("НАТО"),
                    a("НАТО"), a("НАТО")),
            new Entity(7, a("Ukraine"), a("Ukraine's"), a("Украина"), a("Украины"), a("Украине"), a("Украиной"),
                    a("Украине")),
            new Entity(6, a("USA", "the United States", "the US", "the USA"), a("the US's", "America's"),
                    a("США", "Соединённые Штаты"), a("США", "Соединённых Штатов"), a("США", "Соединённым Штатам"),
                    a("США"), a("США")),
            new Entity(5, a("Putin", "Vladimir Putin", "President Putin"), a("President Putin's", "Putin’s"),
                    a("Путин", "Владимир Путин"), a("Путина", "Владимира Путина"), a("Путину"), a("Путиным"),
                    a("Путине")),
            new Entity(5, a("United Nations", "the UN", "the United Nations"), a("the UN's", "the United Nations'"),
                    a("ООН", "Организация Объединённых Наций"), a("ООН", "Организации Объединённых Наций"), a("ООН"),
                    a("ООН"), a("ООН")),
            new Entity(4, a("European Union", "the EU", "the European Union"), a("the EU's", "the European Union's"),
                    a("Евросоюз", "ЕС"), a("Евросоюза", "ЕС"), a("Евросоюзу", "ЕС"), a("Евросоюзом", "ЕС"),
                    a("Евросоюзе", "ЕС")),
            new Entity(4, a("OSCE", "the OSCE"), a("the OSCE's"), a("ОБСЕ"), a("ОБСЕ"), a("ОБСЕ"), a("ОБСЕ"),
                    a("ОБСЕ")),
            new Entity(4, a("China", "the PRC"), a("China's"), a("Китай"), a("Китая"), a("Китаю"), a("Китаем"),
                    a("Китае")),
            new Entity(3, a("Zakharova", "Maria Zakharova"), a("Zakharova's", "Maria Zakharova’s"),
                    a("Захарова", "Мария Захарова"), a("Захаровой", "Марии Захаровой"), a("Захаровой"),
                    a("Захаровой"), a("Захаровой")),
            new Entity(3, a("Belarus"), a("Belarus'", "Belarus's"), a("Беларусь", "Белоруссия"),
                    a("Беларуси", "Белоруссии"), a("Беларуси"), a("Беларусью"), a("Беларуси")),
            // Names nobody watches yet, for variety.
            new Entity(2, a("Guterres", "António Guterres"), a("Guterres'"), a("Гутерриш"), a("Гутерриша"),
                    a("Гутерришу"), a("Гутеррешем"), a("Гутерреше")),
            new Entity(2, a("India"), a("India's"), a("Индия"), a("Индии"), a("Индии"), a("Индией"), a("Индии")),
            new Entity(2, a("Turkey", "Türkiye"), a("Turkey's"), a("Турция"), a("Турции"), a("Турции"), a("Турцией"),
                    a("Турции")),
            new Entity(1.5, a("Serbia"), a("Serbia's"), a("Сербия"), a("Сербии"), a("Сербии"), a("Сербией"),
                    a("Сербии")),
            new Entity(1.5, a("Kazakhstan"), a("Kazakhstan's"), a("Казахстан"), a("Казахстана"), a("Казахстану"),
                    a("Казахстаном"), a("Казахстане")),
            new Entity(1, a("Wang Yi"), a("Wang Yi's"), a("Ван И"), a("Ван И"), a("Ван И"), a("Ван И"), a("Ван И")),
            new Entity(1, a("Brazil"), a("Brazil's"), a("Бразилия"), a("Бразилии"), a("Бразилии"), a("Бразилией"),
                    a("Бразилии")),
            new Entity(1, a("the African Union"), a("the African Union's"), a("Африканский союз"),
                    a("Африканского союза"), a("Африканскому союзу"), a("Африканским союзом"),
                    a("Африканском союзе")),
    };
    private static final Zipf ENTITY_PICK;

    static {
        double[] w = new double[ENTITIES.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = ENTITIES[i].weight();
        }
        ENTITY_PICK = new Zipf(w);
    }

    private static final String[] EVENTS_EN = {
            "G20 summit", "UN General Assembly", "OSCE Ministerial Council", "BRICS summit", "SCO summit",
            "Valdai Forum", "Munich Security Conference", "Eastern Economic Forum"};
    private static final String[] EVENTS_RU = {
            "саммита G20", "Генеральной Ассамблеи ООН", "СМИД ОБСЕ", "саммита БРИКС", "саммита ШОС",
            "форума «Валдай»", "Мюнхенской конференции", "Восточного экономического форума"};


    /**
     * Slots: {N} a name in English, {P} its English possessive, {nom} {gen} {dat} {ins} {pre} a name in that
     * Russian case, {E} an event in English, {e} an event in Russian (genitive).
     */
    private static final String[] TEMPLATES_EN = {
            "{N} held talks with {N} on the sidelines of the {E}.",
            "{N} said that dialogue with {N} remains possible.",
            "Statement by {N} on the situation around {N}.",
            "Comment by the spokesperson on the remarks made by {N}.",
            "{N} and {N} discussed regional security and the work of {N}.",
            "Read the full transcript of {P} interview on our website.",
            "The delegation met representatives of {N} in Vienna.",
            "{N} called on {N} to respect international law.",
            "Today marks the anniversary of diplomatic relations with {N}.",
            "A briefing on current foreign policy issues will take place on Thursday.",
            "The sanctions imposed by {N} are counterproductive, said {N}.",
            "Photo of the day: the Embassy hosted a reception for the diplomatic corps.",
            "Consular announcement: the visa section will be closed on Monday.",
            "Negotiations with {N} will continue next week.",
            "{N} expressed concern over the military build-up near the border.",
            "We thank everyone who joined our online conference.",
            "Details below.",
            "Joint statement of the foreign ministers of {N} and {N}.",
            "Watch: {N} answers questions from journalists.",
            "{P} position on this issue is well known.",
            "{N} welcomed the outcome of the {E}.",
            "The ambassador laid flowers at the memorial.",
            "A new round of consultations with {N} took place in Geneva.",
            "According to {N}, the talks were constructive.",
            "We studied {P} statement carefully.",
            "{P} proposals on European security remain on the table.",
            "The exhibition will be open until the end of the month.",
    };
    private static final String[] TEMPLATES_RU = {
            "{nom} провёл переговоры с {ins} на полях {e}.",
            "{nom} заявил, что диалог с {ins} по-прежнему возможен.",
            "Заявление {gen} о ситуации вокруг {gen}.",
            "Комментарий официального представителя в связи с высказываниями {gen}.",
            "Состоялась телефонная беседа {gen} и {gen}.",
            "{nom} направил послание {dat}.",
            "Брифинг официального представителя МИД России Марии Захаровой.",
            "Делегация встретилась с представителями {gen} в Вене.",
            "{nom} призвал власти {gen} соблюдать нормы международного права.",
            "Сегодня отмечается годовщина установления дипломатических отношений с {ins}.",
            "Санкции {gen} контрпродуктивны, заявил {nom}.",
            "Интервью {gen} информационному агентству.",
            "Переговоры с {ins} продолжатся на следующей неделе.",
            "{nom} выразил обеспокоенность наращиванием военного присутствия {gen} у границ.",
            "Подробнее на нашем сайте.",
            "Фото дня: в посольстве прошёл приём для дипломатического корпуса.",
            "Консульский отдел не будет работать в понедельник.",
            "Совместное заявление министров иностранных дел {gen} и {gen}.",
            "Смотрите: {nom} отвечает на вопросы журналистов.",
            "Вопрос о {pre} обсуждался на заседании Совета.",
            "Позиция {gen} по этому вопросу хорошо известна.",
            "Благодарим всех, кто принял участие в онлайн-конференции.",
            "Посол возложил цветы к мемориалу.",
            "По словам {gen}, переговоры прошли конструктивно.",
            "{dat} было передано приглашение принять участие в работе {e}.",
    };

    private record Template(String[] parts, char[] slots) {
    }

    private static final Template[] PARSED_EN = parse(TEMPLATES_EN);
    private static final Template[] PARSED_RU = parse(TEMPLATES_RU);

    private static Template[] parse(String[] templates) {
        Template[] out = new Template[templates.length];
        for (int t = 0; t < templates.length; t++) {
            String s = templates[t];
            List<String> parts = new ArrayList<>();
            StringBuilder slots = new StringBuilder();
            int at = 0;
            while (true) {
                int open = s.indexOf('{', at);
                if (open < 0) {
                    parts.add(s.substring(at));
                    break;
                }
                int close = s.indexOf('}', open);
                parts.add(s.substring(at, open));
                String slot = s.substring(open + 1, close);
                slots.append(switch (slot) {
                    case "N" -> 'N';
                    case "P" -> 'P';
                    case "nom" -> 'n';
                    case "gen" -> 'g';
                    case "dat" -> 'd';
                    case "ins" -> 'i';
                    case "pre" -> 'p';
                    case "E" -> 'E';
                    case "e" -> 'e';
                    default -> throw new IllegalStateException("unknown slot " + slot + " in " + s);
                });
                at = close + 1;
            }
            out[t] = new Template(parts.toArray(String[]::new), slots.toString().toCharArray());
        }
        return out;
    }

    /** Appends one sentence, with names in fitting word forms, capitalised. */
    static void sentence(StringBuilder sb, boolean russian, SplittableRandom rng) {
        Template[] templates = russian ? PARSED_RU : PARSED_EN;
        Template template = templates[rng.nextInt(templates.length)];
        int start = sb.length();
        int previous = -1;
        for (int i = 0; i < template.slots().length; i++) {
            sb.append(template.parts()[i]);
            char slot = template.slots()[i];
            if (slot == 'E') {
                sb.append(EVENTS_EN[rng.nextInt(EVENTS_EN.length)]);
                continue;
            }
            if (slot == 'e') {
                sb.append(EVENTS_RU[rng.nextInt(EVENTS_RU.length)]);
                continue;
            }
            int entity = ENTITY_PICK.sample(rng);
            if (entity == previous) {
                entity = ENTITY_PICK.sample(rng);
            }
            previous = entity;
            Entity e = ENTITIES[entity];
            String[] forms = switch (slot) {
                case 'N' -> e.en();
                case 'P' -> e.enPossessive();
                case 'n' -> e.nom();
                case 'g' -> e.gen();
                case 'd' -> e.dat();
                case 'i' -> e.ins();
                default -> e.pre();
            };
            sb.append(forms.length == 1 || rng.nextBoolean() ? forms[0] : forms[1 + rng.nextInt(forms.length - 1)]);
        }
        sb.append(template.parts()[template.parts().length - 1]);
        if (sb.length() > start && Character.isLowerCase(sb.charAt(start))) {
            sb.setCharAt(start, Character.toUpperCase(sb.charAt(start)));
        }
    }
}
