using Markdig;

namespace SessionLab.Reports.Tests;

/// <summary>Markdown that pastes cleanly into Slack, Jira, Confluence, Notion and GitHub: a backslash only where it changes the meaning.</summary>
public sealed class MarkdownEscapingTests
{
    [Theory]
    [InlineData("first-time user")]
    [InlineData("#bug in the #checkout flow")]
    [InlineData("rated it 3.5 (out of 7) - fine!")]
    [InlineData("snake_case field")]
    [InlineData("a < b and b > c")]
    [InlineData("R&D team")]
    [InlineData("about ~5 min")]
    [InlineData("pipe | in prose")]
    [InlineData("C:\\Users folder")]
    [InlineData("\"Where is it?\" she asked; 100% sure = yes + no")]
    [InlineData("evil.example/path")]
    public void PlainTextStaysAsTyped(string text)
    {
        Assert.Equal(text, ReportText.Markdown(text));
    }

    [Theory]
    [InlineData("**bold**", "\\*\\*bold\\*\\*")]
    [InlineData("_init_ here", "\\_init\\_ here")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("~~gone~~", "\\~\\~gone\\~\\~")]
    [InlineData("[x](javascript:alert(1))", "\\[x](javascript:alert(1))")]
    [InlineData("<script>", "\\<script>")]
    [InlineData("<!-- c -->", "\\<!-- c -->")]
    [InlineData("&lt;b&gt;", "\\&lt;b\\&gt;")]
    [InlineData("see http://evil.example", "see http\\://evil.example")]
    [InlineData("www.evil.example", "www\\.evil.example")]
    [InlineData("mail me@example.com", "mail me\\@example.com")]
    [InlineData("Pay #", "Pay \\#")]
    [InlineData("ends with \\", "ends with \\\\")]
    [InlineData("\\*not bold\\*", "\\\\\\*not bold\\\\\\*")]
    [InlineData("{onclick=x}", "\\{onclick=x}")]
    public void OnlyWhatWouldChangeTheMeaningIsEscaped(string text, string escaped)
    {
        Assert.Equal(escaped, ReportText.Markdown(text));
    }

    [Fact]
    public void APipeIsEscapedOnlyInsideATableCell()
    {
        Assert.Equal("a | b", ReportText.Markdown("a | b"));
        Assert.Equal("a \\| b", ReportText.Cell("a | b"));
    }

    [Theory]
    [InlineData("first-time #bug 3.5 snake_case a < b R&D ~5 C:\\Users")]
    [InlineData("**bold** _init_ `code` ~~gone~~ [x](y) <b>hi</b> &amp; http://e.example www.e.example a@b.co #")]
    public void EscapedTextRendersBackToExactlyWhatWasTyped(string text)
    {
        var html = Markdig.Markdown.ToHtml("- " + ReportText.Markdown(text), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        Assert.Equal("<ul>\n<li>" + System.Net.WebUtility.HtmlEncode(text).Replace("&#39;", "'", StringComparison.Ordinal) + "</li>\n</ul>\n", html);
    }
}
