using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// Spoils a successful answer as an <see cref="AnswerFault"/> says: XML for the Query and EC2 protocols, JSON for SSM's. The
/// rest of the answer is left as the service wrote it, so a client meets one bad field among good ones.
/// </summary>
internal static class AnswerRewriter
{
    /// <summary>The spoiled answer, or null when the answer holds nothing the fault names (no such field, no such item).</summary>
    public static WireResponse? Apply(WireResponse answer, AnswerFault fault)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Kind == AnswerFaultKind.Truncate)
        {
            // Always short of the end: a body cut at its own length would be whole.
            var at = Math.Clamp(fault.Offset ?? (answer.Body.Length / 2), 0, Math.Max(0, answer.Body.Length - 1));
            return answer with { Body = answer.Body[..at] };
        }

        var field = fault.Field ?? throw new ArgumentException($"An answer fault of kind {fault.Kind} needs a field.", nameof(fault));
        var path = field.Split('/');
        return answer.ContentType == JsonProtocol.ContentType ? Json(answer, fault, path) : Xml(answer, fault, path);
    }

    private static WireResponse? Xml(WireResponse answer, AnswerFault fault, string[] path)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(answer.Body));
        if (document.Root is not { } root)
        {
            return null;
        }

        // With a resource, the items are the elements that hold it as a leaf (an instance's <instanceId>); without one, every
        // element of the field's first name anywhere in the answer is changed.
        var targets = fault.Resource is { } resource
            ? root.Descendants().Where(e => !e.HasElements && e.Value == resource).Select(e => e.Parent).OfType<XElement>()
                .SelectMany(item => Walk(item.Elements(), path)).ToList()
            : Walk(root.Descendants(), path).ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        foreach (var target in targets)
        {
            if (fault.Kind == AnswerFaultKind.DropField)
            {
                target.Remove();
            }
            else
            {
                target.Value = fault.Value!;
            }
        }

        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
        return answer with { Body = body };
    }

    private static List<XElement> Walk(IEnumerable<XElement> start, string[] path)
    {
        var found = start.Where(e => e.Name.LocalName == path[0]);
        foreach (var name in path.Skip(1))
        {
            found = found.SelectMany(e => e.Elements().Where(c => c.Name.LocalName == name));
        }

        return found.ToList();
    }

    private static WireResponse? Json(WireResponse answer, AnswerFault fault, string[] path)
    {
        var root = JsonNode.Parse(answer.Body);
        var items = Objects(root)
            .Where(o => fault.Resource is not { } resource || o.Any(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s == resource))
            .ToList();
        var changed = false;
        foreach (var item in items)
        {
            var holder = item;
            foreach (var name in path[..^1])
            {
                holder = holder?[name] as JsonObject;
            }

            if (holder is null || !holder.ContainsKey(path[^1]))
            {
                continue;
            }

            if (fault.Kind == AnswerFaultKind.DropField)
            {
                holder.Remove(path[^1]);
            }
            else
            {
                holder[path[^1]] = fault.Value;
            }

            changed = true;
        }

        return changed ? answer with { Body = Encoding.UTF8.GetBytes(root!.ToJsonString()) } : null;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Select(p => p.Value).ToList().SelectMany(Objects))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.ToList().SelectMany(Objects))
                {
                    yield return child;
                }

                break;
        }
    }
}
