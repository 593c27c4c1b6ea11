using SessionLab.Storage;

namespace SessionLab.Sessions.Studies;

/// <summary>Adds a tag to a study's palette as a new version of the study, from the study page or a live session.</summary>
public static class StudyPalette
{
    /// <summary>The colour of a tag added on the spot, until someone picks one on the study page.</summary>
    public const string DefaultColor = "#4b5563";

    /// <remarks>
    /// Adding one tag does not overwrite anyone's edit, so a version saved meanwhile by someone else is not a conflict:
    /// the tag is added to that version instead, a few times at most.
    /// </remarks>
    public static async Task<PaletteTagAdded> AddTagAsync(
        IStudyStore studies, string studyId, TagDefinition tag, string changedById, string changedByName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await studies.GetAsync(studyId, cancellationToken) is not { } current)
            {
                return new PaletteTagAdded(null, []);
            }
            if (current.FindTag(tag.Name?.Trim().TrimStart('#') ?? "") is not null)
            {
                return new PaletteTagAdded(current, []);
            }
            var draft = new StudyDraft(
                current.Name, current.Goal,
                [.. current.Tasks.Select(t => new StudyTaskDraft(t.Title, t.Instructions, t.SuccessCriteria, t.TimeLimitSeconds, t.Id))],
                current.Tags.Add(tag), current.Questionnaires);
            var next = StudyValidator.Revise(current, draft, [], now, changedById, changedByName, out errors);
            if (next is null)
            {
                // Keyed as the one new tag, not as its place in the palette.
                return new PaletteTagAdded(null, errors.ToDictionary(e => e.Key.StartsWith("tags[", StringComparison.Ordinal) ? e.Key[(e.Key.IndexOf(']') + 2)..] : e.Key, e => e.Value));
            }
            if (await studies.SaveNextVersionAsync(next, cancellationToken))
            {
                return new PaletteTagAdded(next, []);
            }
        }
        return new PaletteTagAdded(null, new() { ["body"] = ["The study kept changing while the tag was added; try again."] });
    }
}
