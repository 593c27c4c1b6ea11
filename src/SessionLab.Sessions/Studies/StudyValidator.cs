using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace SessionLab.Sessions.Studies;

/// <summary>Turns a researcher's draft into a study, or says precisely which fields are wrong (keyed as in the request).</summary>
public static partial class StudyValidator
{
    public const int MaxTasks = 50;
    public const int MaxTags = 50;

    public static Study? Create(StudyDraft? draft, string studyId, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (draft is null)
        {
            errors["body"] = ["Send a study with a name, tasks and tags."];
            return null;
        }
        Check(errors, "name", !string.IsNullOrWhiteSpace(draft.Name) && draft.Name.Trim().Length <= 120, "The study needs a name of 1–120 characters.");
        CheckName(errors, "name", draft.Name, "The study name");
        Check(errors, "goal", (draft.Goal?.Length ?? 0) <= 2_000, "The goal can be at most 2,000 characters.");
        CheckText(errors, "goal", draft.Goal, "The goal");

        var taskDrafts = draft.Tasks.IsDefault ? [] : draft.Tasks;
        Check(errors, "tasks", taskDrafts.Length is >= 1 and <= MaxTasks, $"A study needs 1–{MaxTasks} tasks.");
        var tasks = ImmutableArray.CreateBuilder<StudyTask>(taskDrafts.Length);
        for (var i = 0; i < taskDrafts.Length; i++)
        {
            var t = taskDrafts[i];
            if (t is null)
            {
                errors[$"tasks[{i}]"] = ["A task cannot be empty."];
                continue;
            }
            Check(errors, $"tasks[{i}].title", !string.IsNullOrWhiteSpace(t.Title) && t.Title.Trim().Length <= 200, $"Task {i + 1} needs a title of 1–200 characters.");
            CheckName(errors, $"tasks[{i}].title", t.Title, $"Task {i + 1}'s title");
            Check(errors, $"tasks[{i}].instructions", !string.IsNullOrWhiteSpace(t.Instructions) && t.Instructions.Length <= 4_000, "Each task needs participant instructions of 1–4,000 characters.");
            CheckText(errors, $"tasks[{i}].instructions", t.Instructions, $"Task {i + 1}'s instructions");
            Check(errors, $"tasks[{i}].successCriteria", (t.SuccessCriteria?.Length ?? 0) <= 4_000, "Success criteria can be at most 4,000 characters.");
            CheckText(errors, $"tasks[{i}].successCriteria", t.SuccessCriteria, $"Task {i + 1}'s success criteria");
            Check(errors, $"tasks[{i}].timeLimitSeconds", t.TimeLimitSeconds is null or (>= 1 and <= 86_400), $"Task {i + 1}'s time limit must be between 1 second and 24 hours.");
            tasks.Add(new StudyTask($"t{i + 1}", t.Title?.Trim() ?? "", t.Instructions?.Trim() ?? "", t.SuccessCriteria?.Trim() ?? "", t.TimeLimitSeconds));
        }

        var tagDrafts = draft.Tags.IsDefault ? [] : draft.Tags;
        Check(errors, "tags", tagDrafts.Length <= MaxTags, $"A palette can hold at most {MaxTags} tags.");
        var tags = ImmutableArray.CreateBuilder<TagDefinition>(tagDrafts.Length);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hotkeys = new Dictionary<int, string>();
        for (var i = 0; i < tagDrafts.Length; i++)
        {
            var tag = tagDrafts[i];
            var name = tag?.Name?.Trim().TrimStart('#') ?? "";
            Check(errors, $"tags[{i}].name", TagName().IsMatch(name), "A tag name is 1–40 letters, digits, '-' or '_', without spaces.");
            Check(errors, $"tags[{i}].name", names.Add(name), $"#{name} appears twice in the palette.");
            Check(errors, $"tags[{i}].color", tag?.Color is { } c && Color().IsMatch(c), "A tag colour is a hex colour like #d97706.");
            if (tag?.Hotkey is { } hotkey)
            {
                Check(errors, $"tags[{i}].hotkey", hotkey is >= 1 and <= 9, $"#{name}'s hotkey must be a digit from 1 to 9.");
                Check(errors, $"tags[{i}].hotkey", hotkey is < 1 or > 9 || hotkeys.TryAdd(hotkey, name), $"Hotkey {hotkey} is already #{hotkeys.GetValueOrDefault(hotkey)}'s; give #{name} another.");
            }
            tags.Add(new TagDefinition(name, tag?.Color ?? "", tag?.Hotkey));
        }

        return errors.Count > 0
            ? null
            : new Study(studyId, draft.Name.Trim(), draft.Goal?.Trim() ?? "", tasks.ToImmutable(), tags.ToImmutable(), draft.Questionnaires ?? QuestionnaireSettings.Default, now);
    }

    /// <summary>
    /// Turns an edit of <paramref name="current"/> into its next version, or says which fields are wrong. A task draft
    /// with an id changes that task; one without is a new task and gets an id no version of the study has used
    /// (<paramref name="usedTaskIds"/>), so a report never mixes up a removed task with a new one.
    /// </summary>
    public static Study? Revise(
        Study current, StudyDraft? draft, IEnumerable<string> usedTaskIds, DateTimeOffset now, string changedById, string changedByName,
        out Dictionary<string, string[]> errors)
    {
        var revised = Create(draft, current.Id, current.CreatedAt, out errors);
        if (draft is null)
        {
            return null;
        }
        var taskDrafts = draft.Tasks.IsDefault ? [] : draft.Tasks;
        var next = usedTaskIds.Concat(current.Tasks.Select(t => t.Id))
            .Select(id => id.StartsWith('t') && int.TryParse(id.AsSpan(1), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tasks = ImmutableArray.CreateBuilder<StudyTask>(taskDrafts.Length);
        for (var i = 0; i < taskDrafts.Length; i++)
        {
            var id = taskDrafts[i]?.Id;
            if (id is not null)
            {
                Check(errors, $"tasks[{i}].id", current.FindTask(id) is not null, $"Task {i + 1} names task '{id}', which this study does not have; leave the id out for a new task.");
                Check(errors, $"tasks[{i}].id", ids.Add(id), $"Task '{id}' appears twice; each task can be listed once.");
            }
            if (revised is not null)
            {
                tasks.Add(revised.Tasks[i] with { Id = id ?? $"t{next++}" });
            }
        }
        if (errors.Count > 0 || revised is null)
        {
            return null;
        }
        return revised with
        {
            Tasks = tasks.ToImmutable(),
            Version = current.Version + 1,
            ChangedAt = now,
            ChangedById = changedById,
            ChangedByName = changedByName,
        };
    }

    /// <summary>Whether two versions hold the same study, apart from who made them and when.</summary>
    public static bool SameContent(Study a, Study b) =>
        a.Name == b.Name && a.Goal == b.Goal && a.Questionnaires == b.Questionnaires
        && a.Tasks.SequenceEqual(b.Tasks) && a.Tags.SequenceEqual(b.Tags);

    /// <summary>Whether <paramref name="name"/> (without '#') is a tag name a palette can hold.</summary>
    public static bool IsTagName(string name) => TagName().IsMatch(name);

    /// <summary>A name or title: one line of visible characters (<see cref="HiddenCharacters.InName"/>).</summary>
    private static void CheckName(Dictionary<string, string[]> errors, string field, string? value, string what) =>
        Check(errors, field, HiddenCharacters.InName(value) is null, $"{what} cannot hold {HiddenCharacters.InName(value)}: a name or title is one line of visible characters.");

    /// <summary>Free text: line breaks and tabs, but no hidden characters (<see cref="HiddenCharacters.InText"/>).</summary>
    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, string what) =>
        Check(errors, field, HiddenCharacters.InText(value) is null, $"{what} cannot hold {HiddenCharacters.InText(value)}; line breaks and tabs are fine.");

    private static void Check(Dictionary<string, string[]> errors, string field, bool ok, string message)
    {
        if (!ok)
        {
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        }
    }

    [GeneratedRegex("^[\\p{L}\\p{N}_-]{1,40}$")]
    private static partial Regex TagName();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();
}
