namespace SessionLab.Sessions.Tests.Sessions;

public sealed class HiddenCharactersTests
{
    // What an outside probe got accepted, and its relatives: invisible, direction-changing and control characters.
    public static TheoryData<string> HiddenEverywhere => new()
    {
        "Mo\u200B", "\u200BMo", "Mo\u2060", "\uFEFFMo", "Mo\u180E", "M\u200Eo", "M\u200Fo", "M\u061Co",
        "Mo\u202E", "Mo\u202A", "Mo\u2066", "Mo\u2069", "Mo\u0000", "Mo\u0007", "Mo\u001B", "Mo\u007F", "Mo\u0085x", "Mo\u009B",
        "Mo\u3164", "Mo\u115F",
    };

    [Theory]
    [MemberData(nameof(HiddenEverywhere))]
    public void ANameWithAHiddenCharacterIsRefusedSayingWhichAndWhere(string name)
    {
        var found = HiddenCharacters.InName(name);

        Assert.NotNull(found);
        Assert.StartsWith("U+", found, StringComparison.Ordinal);
        Assert.Contains("at character", found, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HiddenEverywhere))]
    public void FreeTextWithTheSameCharacterIsRefusedToo(string text)
    {
        Assert.NotNull(HiddenCharacters.InText(text));
    }

    [Theory]
    [InlineData("Line one\nline two")]
    [InlineData("Windows\r\nbreaks")]
    [InlineData("a\ttab")]
    [InlineData("Paragraph\u2029separator")]
    [InlineData("Family 👨\u200D👩\u200D👧 and a coder 👩\u200D💻")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("Scotland 🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")]
    [InlineData("pasted hy\u00ADphen")]
    [InlineData("Ünïcödé, 日本語, عربي, emoji 😀")]
    public void FreeTextMayHoldLineBreaksTabsAndTheJoinersScriptsAndEmojiNeed(string text)
    {
        Assert.Null(HiddenCharacters.InText(text));
    }

    [Theory]
    [InlineData("Mo\nna")]
    [InlineData("Mo\tna")]
    [InlineData("Mo\u200Dna")]
    [InlineData("Mo\u00ADna")]
    public void ANameIsOneLineWithoutJoinersOrSoftHyphens(string name)
    {
        Assert.NotNull(HiddenCharacters.InName(name));
    }

    [Theory]
    [InlineData("Mona Lisa")]
    [InlineData("Zoë Ødegaard")]
    [InlineData("محمد")]
    [InlineData("李小龙")]
    [InlineData("Dana 😀")]
    public void OrdinaryNamesInAnyScriptAreAccepted(string name)
    {
        Assert.Null(HiddenCharacters.InName(name));
    }

    [Fact]
    public void HalfACharacterIsRefusedInNamesAndText()
    {
        // Built here: theory data would replace a lone surrogate with U+FFFD on its way to the test.
        foreach (var broken in new[] { "Mo" + (char)0xD800, "Mo" + (char)0xDC00 + "x", (char)0xDBFF + "Mo" })
        {
            Assert.Contains("lone UTF-16 surrogate", HiddenCharacters.InName(broken), StringComparison.Ordinal);
            Assert.Contains("lone UTF-16 surrogate", HiddenCharacters.InText(broken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheMessageNamesTheCodePointAndItsPosition()
    {
        Assert.Equal("U+200B, an invisible character, at character 3", HiddenCharacters.InName("Mo\u200B"));
        Assert.StartsWith("U+202E, a text-direction character", HiddenCharacters.InText("abc\u202Edef"), StringComparison.Ordinal);
    }
}
