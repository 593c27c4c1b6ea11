using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Accounts.Workspaces;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

public sealed class StudyEditApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    private static object Edit(int expectedVersion, string taskTitle, params object[] extraTags) => new
    {
        expectedVersion,
        name = "Onboarding",
        goal = "Can new users set up an account and invite a colleague?",
        tasks = new object[]
        {
            new { id = "t1", title = taskTitle, instructions = "Create an account.", successCriteria = "Reaches the dashboard." },
            new { title = "Invite", instructions = "Invite a colleague." },
        },
        tags = new object[] { new { name = "confusion", color = "#b45309", hotkey = 1 } }.Concat(extraTags).ToArray(),
    };

    [Fact]
    public async Task AResearcherEditsATaskAndThePaletteAndTheStudyShowsTheNewVersionAndWhoMadeIt()
    {
        var study = await factory.CreateStudyAsync();
        var researcher = await factory.AddMemberAsync($"rita-{Guid.NewGuid():N}@example.test", WorkspaceRole.Researcher, study.WorkspaceId);

        var response = await factory.ClientWith(researcher).PutAsJsonAsync(
            $"/api/studies/{study.Study.Id}", Edit(1, "Sign up with e-mail", new { name = "delight", color = "#15803d", hotkey = 2 }), SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await factory.ClientWith(study.MemberToken).GetFromJsonAsync<Study>($"/api/studies/{study.Study.Id}", SessionLabFactory.Json);
        Assert.Equal(2, read!.Version);
        Assert.Equal(["Sign up with e-mail", "Invite"], read.Tasks.Select(t => t.Title));
        Assert.Equal(["t1", "t2"], read.Tasks.Select(t => t.Id));
        Assert.Equal(["confusion", "delight"], read.Tags.Select(t => t.Name));
        Assert.StartsWith("rita-", read.ChangedByName, StringComparison.Ordinal);
        Assert.NotNull(read.ChangedAt);
        var versions = await factory.ClientWith(study.MemberToken).GetFromJsonAsync<List<Study>>($"/api/studies/{study.Study.Id}/versions", SessionLabFactory.Json);
        Assert.Equal([(1, "Sign up"), (2, "Sign up with e-mail")], versions!.Select(v => (v.Version, v.Tasks[0].Title)));
    }

    [Fact]
    public async Task AnEditMadeFromAnOlderVersionIsRefusedWithTheLatestVersionAndChangesNothing()
    {
        var study = await factory.CreateStudyAsync();
        var client = factory.ClientWith(study.MemberToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/studies/{study.Study.Id}", Edit(1, "Theirs"), SessionLabFactory.Json)).StatusCode);

        var response = await client.PutAsJsonAsync($"/api/studies/{study.Study.Id}", Edit(1, "Mine"), SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("studyVersionStale", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("reload it, then make your change again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var read = await client.GetFromJsonAsync<Study>($"/api/studies/{study.Study.Id}", SessionLabFactory.Json);
        Assert.Equal((2, "Theirs"), (read!.Version, read.Tasks[0].Title));
    }

    [Fact]
    public async Task AnInvalidEditNamesTheBadFieldsAndMakesNoVersion()
    {
        var study = await factory.CreateStudyAsync();
        var client = factory.ClientWith(study.MemberToken);

        var response = await client.PutAsJsonAsync($"/api/studies/{study.Study.Id}", new
        {
            expectedVersion = 1,
            name = "Onboarding",
            tasks = new object[] { new { id = "t9", title = "T", instructions = "I" }, new { title = "", instructions = "I" } },
            tags = new[] { new { name = "two words", color = "#000000" } },
        }, SessionLabFactory.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            "Task 1 names task 't9', which this study does not have; leave the id out for a new task.",
            errors.GetProperty("tasks[0].id")[0].GetString());
        Assert.True(errors.TryGetProperty("tasks[1].title", out _));
        Assert.True(errors.TryGetProperty("tags[0].name", out _));
        Assert.Single((await client.GetFromJsonAsync<List<Study>>($"/api/studies/{study.Study.Id}/versions", SessionLabFactory.Json))!);
    }

    [Fact]
    public async Task AViewerMayReadTheHistoryButNotEditNorAddTags()
    {
        var study = await factory.CreateStudyAsync();
        var viewer = factory.ClientWith(await factory.AddMemberAsync($"vic-{Guid.NewGuid():N}@example.test", WorkspaceRole.Viewer, study.WorkspaceId));

        var edit = await viewer.PutAsJsonAsync($"/api/studies/{study.Study.Id}", Edit(1, "Mine"), SessionLabFactory.Json);
        var tag = await viewer.PostAsJsonAsync($"/api/studies/{study.Study.Id}/tags", new { name = "spotted" }, SessionLabFactory.Json);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (edit.StatusCode, tag.StatusCode));
        Assert.Equal("forbidden", (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var versions = await viewer.GetFromJsonAsync<List<Study>>($"/api/studies/{study.Study.Id}/versions", SessionLabFactory.Json);
        Assert.Equal("Sign up", Assert.Single(versions!).Tasks[0].Title);
    }

    [Fact]
    public async Task ATagAddedToThePaletteMakesOneNewVersionAndAddingItAgainChangesNothing()
    {
        var study = await factory.CreateStudyAsync();
        var client = factory.ClientWith(study.MemberToken);

        var added = await client.PostAsJsonAsync($"/api/studies/{study.Study.Id}/tags", new { name = "#Spotted" }, SessionLabFactory.Json);
        var again = await client.PostAsJsonAsync($"/api/studies/{study.Study.Id}/tags", new { name = "spotted" }, SessionLabFactory.Json);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (added.StatusCode, again.StatusCode));
        var read = await client.GetFromJsonAsync<Study>($"/api/studies/{study.Study.Id}", SessionLabFactory.Json);
        Assert.Equal(2, read!.Version);
        Assert.Equal(("Spotted", "#4b5563", (int?)null), (read.Tags[1].Name, read.Tags[1].Color, read.Tags[1].Hotkey));
        var taken = await client.PostAsJsonAsync($"/api/studies/{study.Study.Id}/tags", new { name = "other", hotkey = 1 }, SessionLabFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal("Hotkey 1 is already #confusion's; give #other another.", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("hotkey")[0].GetString());
    }

    [Fact]
    public async Task ASessionKeepsTheTasksAndPaletteItStartedWithAndALaterSessionRunsTheEdit()
    {
        var study = await factory.CreateStudyAsync();
        var client = factory.ClientWith(study.MemberToken);
        var started = await factory.CreateSessionAsync(study);
        var later = await factory.CreateSessionAsync(study);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var moderator = new Actor("mod", "Mo", SessionRole.Moderator);
        Assert.Null((await grains.GetGrain<ISessionGrain>(started.Id).StartSessionAsync(moderator, new StartSessionRequest(Guid.NewGuid()))).Error);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/studies/{study.Study.Id}", new
        {
            expectedVersion = 1,
            name = "Onboarding",
            tasks = new[] { new { id = "t1", title = "Sign up with e-mail", instructions = "Create an account." } },
            tags = new[] { new { name = "delight", color = "#15803d" } },
        }, SessionLabFactory.Json)).StatusCode);
        Assert.Null((await grains.GetGrain<ISessionGrain>(later.Id).StartSessionAsync(moderator, new StartSessionRequest(Guid.NewGuid()))).Error);

        var ranByFirst = await client.GetFromJsonAsync<Study>($"/api/sessions/{started.Id}/study", SessionLabFactory.Json);
        var ranByLater = await client.GetFromJsonAsync<Study>($"/api/sessions/{later.Id}/study", SessionLabFactory.Json);
        Assert.Equal((1, "Sign up", "confusion"), (ranByFirst!.Version, ranByFirst.Tasks[0].Title, ranByFirst.Tags[0].Name));
        Assert.Equal((2, "Sign up with e-mail", "delight"), (ranByLater!.Version, ranByLater.Tasks[0].Title, ranByLater.Tags[0].Name));
        // The first session still takes notes with its own palette, and refuses the edit's.
        var note = await grains.GetGrain<ISessionGrain>(started.Id).AddNoteAsync(moderator, new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 1_000, "Hesitated", ["confusion"], NoteKind.Observation));
        var refused = await grains.GetGrain<ISessionGrain>(started.Id).AddNoteAsync(moderator, new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 1_000, "Smiled", ["delight"], NoteKind.Observation));
        Assert.Null(note.Error);
        Assert.Equal(SessionErrorCode.UnknownTag, refused.Error!.Code);
    }

    [Fact]
    public async Task AModeratorAddsATagOnTheSpotAndTheSessionAndTheStudyBothHaveIt()
    {
        var study = await factory.CreateStudyAsync();
        var client = factory.ClientWith(study.MemberToken);
        var session = await factory.CreateSessionAsync(study);
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(session.Id);
        var moderator = new Actor("mod", "Mo", SessionRole.Moderator);
        Assert.Null((await grain.StartSessionAsync(moderator, new StartSessionRequest(Guid.NewGuid()))).Error);
        // The study moves on to version 2 after the session started; the session still runs version 1.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/studies/{study.Study.Id}/tags", new { name = "later" }, SessionLabFactory.Json)).StatusCode);
        var before = await grain.AddNoteAsync(moderator, new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 1_000, "Squinted at the price", ["pricing"], NoteKind.Observation));

        var added = await grain.AddPaletteTagAsync(moderator, new AddPaletteTagRequest(Guid.NewGuid(), "#pricing"));
        var observer = await grain.AddPaletteTagAsync(new Actor("obs", "Olu", SessionRole.Observer), new AddPaletteTagRequest(Guid.NewGuid(), "other"));
        var after = await grain.AddNoteAsync(moderator, new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 2_000, "Squinted at the price", ["PRICING"], NoteKind.Observation));

        Assert.Equal(SessionErrorCode.UnknownTag, before.Error!.Code);
        Assert.Null(added.Error);
        Assert.Equal(SessionErrorCode.Forbidden, observer.Error!.Code);
        Assert.Null(after.Error);
        Assert.Equal("pricing", string.Join(' ', (await grain.GetStateAsync())!.Notes.Single().Tags));
        var ran = await client.GetFromJsonAsync<Study>($"/api/sessions/{session.Id}/study", SessionLabFactory.Json);
        Assert.Equal((1, "confusion pricing"), (ran!.Version, string.Join(' ', ran.Tags.Select(t => t.Name))));
        var latest = await client.GetFromJsonAsync<Study>($"/api/studies/{study.Study.Id}", SessionLabFactory.Json);
        Assert.Equal((3, "confusion later pricing", "Mo"), (latest!.Version, string.Join(' ', latest.Tags.Select(t => t.Name)), latest.ChangedByName));
    }
}
