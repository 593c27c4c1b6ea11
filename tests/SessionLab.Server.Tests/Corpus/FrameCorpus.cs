namespace SessionLab.Server.Tests.Corpus;

/// <summary>Malformed and oversized SignalR frames: handshakes, message envelopes, and messages past the 64 KiB limit.</summary>
internal static class FrameCorpus
{
    public const string Json = """{"protocol":"json","version":1}""";

    public static IReadOnlyList<FrameCase> All { get; } =
    [
        new("handshake: unknown protocol", """{"protocol":"xml","version":1}""", [], "handshakeRefused"),
        new("handshake: MessagePack, which this server does not speak", """{"protocol":"messagepack","version":1}""", [], "handshakeRefused"),
        new("handshake: protocol version 99", """{"protocol":"json","version":99}""", [], "handshakeRefused"),
        new("handshake: no protocol", """{"version":1}""", [], "handshakeRefused"),
        new("handshake: version as a string", """{"protocol":"json","version":"1"}""", [], "handshakeRefused"),
        new("handshake: not JSON", "hello", [], "handshakeRefused"),
        new("handshake: a JSON array", "[]", [], "handshakeRefused"),
        new("handshake: 70 KiB", $$"""{"protocol":"json","version":1,"x":"{{new string('x', 70 * 1024)}}"}""", [], "handshakeRefused"),
        new("frame: not JSON", Json, ["{\"type\":1,"], "closed"),
        new("frame: a JSON array", Json, ["[]"], "closed"),
        new("frame: a JSON string", Json, ["\"Join\""], "closed"),
        new("frame: no type", Json, ["""{"invocationId":"case","target":"Join","arguments":[null]}"""], "closed"),
        new("frame: type as a string", Json, ["""{"type":"1","invocationId":"case","target":"Join","arguments":[null]}"""], "closed"),
        new("frame: unknown message type", Json, ["""{"type":99,"invocationId":"case"}"""], "closed"),
        new("frame: negative message type", Json, ["""{"type":-1}"""], "closed"),
        new("frame: invocation without a target", Json, ["""{"type":1,"invocationId":"case","arguments":[]}"""], "closed"),
        new("frame: invocation with an empty target", Json, ["""{"type":1,"invocationId":"case","target":"","arguments":[null]}"""], "completion:unknownMethod"),
        new("frame: invocation without arguments", Json, ["""{"type":1,"invocationId":"case","target":"Join"}"""], "closed"),
        new("frame: arguments as an object", Json, ["""{"type":1,"invocationId":"case","target":"Join","arguments":{}}"""], "closed"),
        new("frame: invocationId as a number", Json, ["""{"type":1,"invocationId":7,"target":"Join","arguments":[null]}"""], "closed"),
        new("frame: target as a number", Json, ["""{"type":1,"invocationId":"case","target":7,"arguments":[null]}"""], "closed"),
        new("frame: headers as a string", Json, ["""{"type":1,"headers":"x","invocationId":"case","target":"Join","arguments":[null]}"""], "closed"),
        new("frame: argument nested 200 deep", Json, [$$"""{"type":1,"invocationId":"case","target":"Join","arguments":[{{new string('[', 200)}}{{new string(']', 200)}}]}"""], "closed"),
        new("frame: 70 KiB note (past the 64 KiB limit)", Json,
            [$$"""{"type":1,"invocationId":"case","target":"AddNote","arguments":[{"commandId":"{{Guid.NewGuid()}}","noteId":"{{Guid.NewGuid()}}","clockOffsetMs":0,"text":"{{new string('n', 70 * 1024)}}","tags":[],"kind":"observation"}]}"""], "closed"),
        new("frame: 1 MiB of spaces", Json, [new string(' ', 1024 * 1024)], "closed"),
        new("frame: 65 KiB without a record separator", Json, [], "closed") { RawFrame = System.Text.Encoding.UTF8.GetBytes(new string('a', 65 * 1024)) },
        new("frame: NUL bytes inside the JSON", Json, [], "closed") { RawFrame = [(byte)'{', 0, 0, (byte)'}', 0x1e] },
        new("frame: bytes that are not UTF-8", Json, [], "closed") { RawFrame = [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)'}', 0x1e] },
        new("frame: stream invocation of a method that returns no stream", Json,
            ["""{"type":4,"invocationId":"case","target":"AddNote","arguments":[null]}"""], "completion:invocationError"),
        new("frame: an argument named as a client stream", Json,
            ["""{"type":1,"invocationId":"case","target":"Join","arguments":[],"streamIds":["s1"]}"""], "completion:invalidRequest"),
        new("frame: a completion the server never asked for", Json, ["""{"type":3,"invocationId":"nosuch","result":1}"""], "ignored"),
        new("frame: a stream item for a stream that does not exist", Json, ["""{"type":2,"invocationId":"nosuch","item":1}"""], "ignored"),
        new("frame: cancelling an invocation that does not exist", Json, ["""{"type":5,"invocationId":"nosuch"}"""], "ignored"),
        new("frame: Join with a 60 KiB display name", Json,
            [$$"""{"type":1,"invocationId":"case","target":"Join","arguments":[{"displayName":"{{new string('d', 60 * 1024)}}","lastSeenSequence":0}]}"""], "completion:invalidDisplayName"),
        new("frame: the same invocation id twice", Json,
            ["""{"type":1,"invocationId":"case","target":"Join","arguments":[null]}""", """{"type":1,"invocationId":"case","target":"Join","arguments":[null]}"""], "completion:invalidRequest"),
    ];
}
