using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionLab.Sessions;

/// <summary>
/// Enums as their camelCase names, read in exactly that spelling. <see cref="JsonStringEnumConverter"/> also reads
/// "Moderator", "OBSERVATION" and "observation, quote" (which parses as a combination of two values): a client that
/// sends those has a bug the server should name, not guess around. Anything else is a <see cref="JsonException"/>
/// without a message, so the serializer says which value at which path could not be read.
/// </summary>
public sealed class CamelCaseEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert));

    /// <summary>The names a value of <paramref name="enumType"/> is written and read as, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType) =>
        [.. Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName)];

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private readonly FrozenDictionary<string, T> _values =
            Enum.GetValues<T>().ToFrozenDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

        private readonly FrozenDictionary<T, string> _names =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && _values.TryGetValue(name, out var value)
                ? value
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } name && _values.TryGetValue(name, out var value) ? value : throw new JsonException();

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Name(value));

        // A value outside the enum (never produced by the server) is written as its number, as the framework's converter does.
        private string Name(T value) => _names.TryGetValue(value, out var name) ? name : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
