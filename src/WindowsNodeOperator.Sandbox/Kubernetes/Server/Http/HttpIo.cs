using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>Reading request bodies and writing JSON answers.</summary>
internal static class HttpIo
{
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var text = await ReadBodyAsync(request, ct).ConfigureAwait(false);
        try
        {
            var node = (request.ContentType ?? "").Contains("yaml", StringComparison.Ordinal)
                ? YamlJson.Parse(text)
                : JsonNode.Parse(text);
            return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"error decoding request body: {ex.Message}");
        }
    }

    public static async Task WriteAsync(HttpResponse response, int status, JsonNode body, IReadOnlyList<string>? warnings, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var warning in warnings ?? [])
        {
            response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await response.WriteAsync(body.ToJsonString(), ct).ConfigureAwait(false);
    }
}
