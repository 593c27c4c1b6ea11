using System.Text.Json;

namespace SessionLab.Sessions.Tests.Contracts;

public sealed class CamelCaseEnumConverterTests
{
    [Theory]
    [InlineData("\"observation\"", NoteKind.Observation)]
    [InlineData("\"idea\"", NoteKind.Idea)]
    public void ReadsTheCamelCaseName(string json, NoteKind expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<NoteKind>(json, SessionJson.Options));
    }

    [Theory]
    [InlineData("\"Observation\"")]
    [InlineData("\"OBSERVATION\"")]
    [InlineData("\"observation, quote\"")]
    [InlineData("\" observation\"")]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("null")]
    public void RefusesEveryOtherSpelling(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<NoteKind>(json, SessionJson.Options));
    }

    [Fact]
    public void WritesCamelCaseNamesAndReadsBackNullables()
    {
        Assert.Equal("\"sessionNotFound\"", JsonSerializer.Serialize(SessionErrorCode.SessionNotFound, SessionJson.Options));
        Assert.Equal(SessionRole.Participant, JsonSerializer.Deserialize<SessionRole?>("\"participant\"", SessionJson.Options));
        Assert.Null(JsonSerializer.Deserialize<SessionRole?>("null", SessionJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SessionRole?>("\"Participant\"", SessionJson.Options));
    }

    [Fact]
    public void TheServersJsonSaysWhichValueCouldNotBeRead()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AddNoteRequest>(
            """{"commandId":"7b0c3c62-1e0b-4c55-9d0e-6f1b7f1c2a10","noteId":"7b0c3c62-1e0b-4c55-9d0e-6f1b7f1c2a11","clockOffsetMs":0,"text":"x","tags":[],"kind":"Quote"}""",
            SessionJson.Options));

        Assert.Equal("$.kind", error.Path);
        Assert.StartsWith("The JSON value could not be converted", error.Message, StringComparison.Ordinal);
    }
}
