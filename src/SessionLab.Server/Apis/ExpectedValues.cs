using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionLab.Server.Apis;

/// <summary>What a request value should have been, in words for the client developer who sent something else.</summary>
internal static class ExpectedValues
{
    /// <summary>
    /// The type the body's JSON path leads to (<c>$.tags[0].hotkey</c> in a study draft: an int), found the way the
    /// serializer reads it: by JSON property name, then element type for arrays and dictionaries. Null when the path
    /// leaves the body's contract (a property the type does not have).
    /// </summary>
    public static Type? TypeAt(Type bodyType, string? path, JsonSerializerOptions options)
    {
        if (Segments(path) is not { } segments)
        {
            return null;
        }
        var type = bodyType;
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            type = (segment, info.Kind) switch
            {
                (string name, JsonTypeInfoKind.Object) => info.Properties.FirstOrDefault(p => string.Equals(
                    p.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))?.PropertyType,
                (string, JsonTypeInfoKind.Dictionary) or (int, JsonTypeInfoKind.Enumerable) => info.ElementType,
                _ => null,
            };
            if (type is null)
            {
                return null;
            }
        }
        return type;
    }

    /// <summary>"a whole number from 1 to 255", "one of "moderator", "observer" or "participant"", "an array"…</summary>
    public static string Describe(Type type, JsonSerializerOptions options, bool inJson)
    {
        // A null would have been read; the client sent a value, so say what kind.
        type = Nullable.GetUnderlyingType(type) ?? type;
        // Numbers in a body are JSON numbers: the API reads no number from a string.
        var unquoted = inJson ? " (a JSON number, not in quotes)" : "";
        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<object>().Select(v => inJson ? JsonSerializer.Serialize(v, type, options) : $"\"{v}\"").ToList();
            return names.Count == 1 ? names[0] : $"one of {string.Join(", ", names[..^1])} or {names[^1]}";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.Boolean => "true or false",
            // The range says why 99999999999 was refused; 64-bit limits say nothing a client needs.
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 =>
                string.Create(CultureInfo.InvariantCulture, $"a whole number from {type.GetField("MinValue")!.GetValue(null)} to {type.GetField("MaxValue")!.GetValue(null)}{unquoted}"),
            TypeCode.Int64 or TypeCode.UInt64 => $"a whole number{unquoted}",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => $"a number{unquoted}",
            TypeCode.DateTime => "an ISO 8601 date and time such as \"2026-11-22T10:00:00+00:00\"",
            _ when type == typeof(DateTimeOffset) => "an ISO 8601 date and time with offset such as \"2026-11-22T10:00:00+00:00\"",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(TimeSpan) => "a duration such as \"00:05:00\"",
            _ when !inJson => $"a {type.Name}",
            _ => options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                _ => $"a {type.Name}",
            },
        };
    }

    /// <summary>The field name a validation problem would use for a JSON path: <c>$.tags[0].hotkey</c> → <c>tags[0].hotkey</c>.</summary>
    public static string? FieldName(string? path) => path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];

    /// <summary>Property names (strings) and array indexes (ints) of a System.Text.Json path such as <c>$.tags[0]['odd name']</c>; null if it is not one.</summary>
    private static List<object>? Segments(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }
        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal) && path.IndexOf("']", i + 2, StringComparison.Ordinal) is var close and >= 0)
            {
                segments.Add(path[(i + 2)..close]);
                i = close + 2;
            }
            else if (path[i] == '[' && path.IndexOf(']', i) is var bracket and >= 0
                && int.TryParse(path.AsSpan(i + 1, bracket - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(index);
                i = bracket + 1;
            }
            else
            {
                return null;
            }
        }
        return segments;
    }
}
