using SessionLab.Sessions;

namespace SessionLab.Reports.Tests;

/// <summary>A study whose every user-typed string tries to become markup, a link or a formula.</summary>
internal static class HostileStudy
{
    public const string Script = "<script>alert(1)</script>";
    public const string JavascriptLink = "[x](javascript:alert(1))";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string Image = "<img src=x onerror=alert(1)>";

    public static readonly string[] NoteTexts =
    [
        Script,
        JavascriptLink,
        Formula,
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\t=1+1",
        "   =1+1",
        "pipe | breaks\nthe row\r\n# and opens a heading",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<http://evil.example>",
        "![pixel](http://evil.example/x.png)",
        Image,
        "<!-- comment --> **bold** `code` ~~gone~~",
    ];

    public static StudyReport Report()
    {
        var study = TestStudy.Create(
            name: Script,
            tasks: [new StudyTask("t1", JavascriptLink, Script, Formula, null)],
            tags: [new TagDefinition(Image, "red;background:url(http://evil.example)", 1), new TagDefinition(Formula, "#000", 2)]);
        var session = TestStudy.Session("s1", Formula, moderator: JavascriptLink).Start(TestStudy.Day);
        foreach (var text in NoteTexts)
        {
            session.Note(1_000, text, NoteKind.Quote, "t1", Image, Formula);
        }
        session.Task("t1", 0, 30_000, TaskOutcome.Success).Seq("t1", 5, Script);
        return StudyReportBuilder.Build(study, [session.State], new Dictionary<string, int> { [Image] = 4 }, TestStudy.Day.AddDays(1));
    }
}
