using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionLab.Sessions;

/// <summary>The one JSON shape used on the wire and in the log: camelCase names, enums as camelCase strings (no other spelling is read), numbers as JSON numbers.</summary>
public static class SessionJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // The web defaults read "3" as 3; the hub's own defaults never did. A number in quotes is a client bug: refuse it
        // everywhere alike. What the server writes (the log included) has always been plain numbers.
        options.NumberHandling = JsonNumberHandling.Strict;
        // jsonb (PostgreSQL) and hand-written clients do not keep "type" first in an event object.
        options.AllowOutOfOrderMetadataProperties = true;
        if (!options.Converters.OfType<CamelCaseEnumConverter>().Any())
        {
            // Enums in exactly their camelCase spelling, on the hub, over HTTP and in the log alike.
            options.Converters.Insert(0, new CamelCaseEnumConverter());
        }
        return options;
    }
}
