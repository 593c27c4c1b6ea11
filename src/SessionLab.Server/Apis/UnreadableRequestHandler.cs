using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SessionLab.Server.Apis;

/// <summary>
/// Answers what minimal APIs could not bind (a body that is not JSON or has a value of the wrong type, a query value
/// that is not a number…) with the protocol's invalidRequest problem, saying which value was wrong and what it should
/// have been; a path that stops before a value it needs is 404 notFound. <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>
/// makes the framework throw these instead of answering a bare 400 without a word.
/// </summary>
internal sealed partial class UnreadableRequestHandler(IOptions<HttpJsonOptions> json, ILogger<UnreadableRequestHandler> logger) : IExceptionHandler
{
    private const int MaxEchoedValueLength = 60;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemHttpResult problem;
        if (exception is BadHttpRequestException unreadable)
        {
            // The exception handler has already cleared the endpoint from the context; the feature keeps it.
            problem = Describe(unreadable, httpContext.Request, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint);
        }
        else if (exception is InvalidOperationException && UnknownCharset(httpContext.Request) is { } charset)
        {
            // Reading JSON in a charset .NET does not know throws this, not a bad-request exception.
            problem = ApiProblems.UnsupportedMediaType($"This server does not know the charset '{Echo(charset)}'; send the JSON body in UTF-8 (Content-Type: application/json).");
        }
        else
        {
            return false;
        }
        HttpApiLog.Refused(logger, httpContext.Request, problem);
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private ProblemHttpResult Describe(BadHttpRequestException unreadable, HttpRequest request, Endpoint? endpoint)
    {
        if (unreadable.InnerException is JsonException jsonError)
        {
            return JsonBody(jsonError, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType);
        }
        var message = unreadable.Message;
        if (BindingFailed().Match(message) is { Success: true } failed)
        {
            var (kind, name, type) = Parameter(failed.Groups["name"].Value, endpoint);
            var expected = type is null ? "" : $" must be {ExpectedValues.Describe(type, json.Value.SerializerOptions, inJson: false)}";
            if (kind == Query && request.Query[name] is { Count: > 1 } repeated)
            {
                return Invalid($"{kind} '{name}' was given {repeated.Count} times; give it once{(type is null ? "" : $": it{expected}")}.", name);
            }
            return Invalid($"{kind} '{name}'{(type is null ? " could not be read" : expected)}; got '{Echo(failed.Groups["value"].Value)}'.", name);
        }
        var missing = RequiredMissing().Match(message);
        if (missing.Success && missing.Groups["source"].Value == "route")
        {
            // Only a catch-all can be left out of a path (/recordings/playback/ without the blob's name): such a path
            // names nothing, and nothing is what 404 says.
            return ApiProblems.NotFound($"Nothing at {request.Path}: the path stops before its {{{Parameter(missing.Groups["name"].Value, endpoint).Name}}} part.");
        }
        if (missing.Success && missing.Groups["source"].Value != "body")
        {
            var (kind, name, type) = Parameter(missing.Groups["name"].Value, endpoint);
            var expected = type is null ? "" : $": give {ExpectedValues.Describe(type, json.Value.SerializerOptions, inJson: false)}";
            return Invalid($"{kind} '{name}' is required{expected}.", name);
        }
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || missing.Success)
        {
            return ApiProblems.InvalidRequest("This endpoint needs a JSON body; send one with Content-Type: application/json.");
        }
        // Something else that could not be read (Kestrel's own limits, say): its message is meant for the client.
        return ApiProblems.InvalidRequest($"The request could not be read: {message}", status: unreadable.StatusCode);
    }

    private ProblemHttpResult JsonBody(JsonException error, Type? bodyType)
    {
        // System.Text.Json's syntax errors come from its (internal) reader exception; anything else is a value the
        // body's type cannot take.
        if (error.InnerException is { } inner && inner.GetType().Name == "JsonReaderException")
        {
            if (inner.Message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
            {
                return ApiProblems.InvalidRequest("The request body is empty; this endpoint needs a JSON body.");
            }
            return ApiProblems.InvalidRequest(
                $"The request body is not valid JSON: {WithoutPosition(inner.Message)} (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}).");
        }
        var options = json.Value.SerializerOptions;
        var field = ExpectedValues.FieldName(error.Path);
        var type = bodyType is null ? null : ExpectedValues.TypeAt(bodyType, error.Path, options);
        var at = field is null ? "The request body" : $"The request body's '{field}'";
        var detail = type is not null && error.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"{at} must be {ExpectedValues.Describe(type, options, inJson: true)}."
            : $"{at} could not be read: {WithoutPosition(error.Message)}.";
        return field is null ? ApiProblems.InvalidRequest(detail) : Invalid(detail, field);
    }

    private const string Query = "Query parameter";

    private static string? UnknownCharset(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.Charset is not { HasValue: true } charset)
        {
            return null;
        }
        try
        {
            _ = Encoding.GetEncoding(charset.Value!);
            return null;
        }
        catch (ArgumentException)
        {
            return charset.Value;
        }
    }

    /// <summary>Where a handler parameter comes from and under which name the client sends it.</summary>
    private static (string Kind, string Name, Type? Type) Parameter(string parameterName, Endpoint? endpoint)
    {
        var parameter = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == parameterName);
        var type = parameter?.ParameterType;
        var attributes = parameter?.GetCustomAttributes(inherit: false) ?? [];
        return attributes.OfType<IFromHeaderMetadata>().FirstOrDefault() is { } header ? ("Header", header.Name ?? parameterName, type)
            : attributes.OfType<IFromRouteMetadata>().FirstOrDefault() is { } route ? ("Path segment", route.Name ?? parameterName, type)
            : attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } query ? (Query, query.Name ?? parameterName, type)
            : (endpoint as RouteEndpoint)?.RoutePattern.GetParameter(parameterName) is not null ? ("Path segment", parameterName, type)
            : (Query, parameterName, type);
    }

    private static ProblemHttpResult Invalid(string detail, string field) =>
        ApiProblems.InvalidRequest(detail, new Dictionary<string, string[]> { [field] = [detail] });

    /// <summary>A value from the request, short and without control characters, so it can be shown and logged.</summary>
    private static string Echo(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, MaxEchoedValueLength + 1));
        foreach (var c in value.Length > MaxEchoedValueLength ? value[..MaxEchoedValueLength] : value)
        {
            text.Append(char.IsControl(c) ? '?' : c);
        }
        return value.Length > MaxEchoedValueLength ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>The message without System.Text.Json's " Path: $.x | LineNumber: 0 | BytePositionInLine: 9." tail.</summary>
    private static string WithoutPosition(string message)
    {
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal) is >= 0 and var path ? path : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return (tail >= 0 ? message[..tail] : message).TrimEnd().TrimEnd('.');
    }

    // The messages minimal APIs throw with (RequestDelegateFactory); a message in another shape gets the generic answer.
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[^.]+)\.$""", RegexOptions.Singleline)]
    private static partial Regex RequiredMissing();
}
