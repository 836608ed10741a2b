package io.channelpulse.web.pages;

import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.store.PostStories;
import io.channelpulse.store.PostStory;
import io.channelpulse.web.Filters;
import io.channelpulse.web.PostAddress;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** One post's story: its versions, views over time, forwards and mentions of it. */
@Path("/posts")
@Produces(MediaType.TEXT_HTML)
public class PostPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance post(PostPage page);
    }

    @Inject
    Frames frames;

    @Inject
    KeptAnswers kept;

    @Inject
    PostStories stories;

    @GET
    @Path("{handle}/{id}")
    public TemplateInstance post(@PathParam("handle") String handle, @PathParam("id") String id) {
        PostAddress address = PostAddress.parse(handle, id);
        PostStory story = stories.story(address.handle(), address.id()).orElseThrow(() ->
                new NotFoundException("No post " + address.handle() + "/" + address.id() + " is stored"));
        Frame frame = frames.frame(kept.versions(), "/posts/" + story.post().channel() + "/" + story.post().id(),
                Filters.of(List.of(), null, null, null), null);
        return Templates.post(PostPage.of(frame, story));
    }
}
