using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>Reads and replaces entries of <c>status.conditions</c>, keeping lastTransitionTime while a status holds.</summary>
internal static class Conditions
{
    public static JsonObject? Find(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c, "type") == type);

    public static string? Status(JsonObject obj, string type) => Find(obj, type) is { } condition ? Meta.Str(condition, "status") : null;

    /// <summary>A condition with lastTransitionTime carried over from <paramref name="obj"/> when its status is unchanged.</summary>
    public static JsonObject Make(JsonObject obj, string type, string status, DateTimeOffset now, string? reason = null, string? message = null)
    {
        var previous = Find(obj, type);
        var since = previous is not null && Meta.Str(previous, "status") == status ? Meta.Str(previous, "lastTransitionTime") : null;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since ?? Meta.Time(now),
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        return condition;
    }

    /// <summary>The object's conditions with <paramref name="replacements"/> put in place of those of the same type (new ones appended).</summary>
    public static JsonArray With(JsonObject obj, params JsonObject[] replacements)
    {
        var result = new JsonArray();
        var pending = replacements.ToList();
        foreach (var existing in (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var replacement = pending.FirstOrDefault(r => Meta.Str(r, "type") == Meta.Str(existing, "type"));
            if (replacement is not null)
            {
                pending.Remove(replacement);
            }

            result.Add(replacement ?? existing.DeepClone());
        }

        foreach (var added in pending)
        {
            result.Add(added);
        }

        return result;
    }
}
