using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace WindowsNodeOperator.Cluster;

/// <summary>The metav1.Status the API server sent with an error, read leniently (any part may be missing).</summary>
internal sealed record ApiFailure(int StatusCode, string? Reason, string? Message, JsonObject? Details)
{
    public static ApiFailure From(HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = (int)(exception.Response?.StatusCode ?? HttpStatusCode.InternalServerError);
        var status = Parse(exception.Response?.Content);
        return new ApiFailure(
            code,
            Text(status?["reason"]),
            Text(status?["message"]) ?? exception.Response?.ReasonPhrase,
            status?["details"] as JsonObject);
    }

    public IEnumerable<(string? Reason, string? Message)> Causes =>
        (Details?["causes"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (Text(c["reason"]), Text(c["message"])));

    public ClusterApiException ToException(string what, Exception inner) =>
        new($"{what}: {StatusCode} {Reason} {Message}".TrimEnd(), StatusCode, Reason, inner);

    private static JsonObject? Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
