using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// A simplified server-side apply: the applied configuration is merged into the live object
/// (strategic merge for built-ins, merge patch for custom resources) and the manager's fields are
/// recorded in managedFields. Ownership conflicts between managers are not detected.
/// https://kubernetes.io/docs/reference/using-api/server-side-apply/
/// </summary>
internal static class ServerSideApply
{
    public static JsonNode Apply(JsonObject live, JsonObject applied, ResourceType type, string manager, DateTimeOffset now)
    {
        var patch = (JsonObject)applied.DeepClone();
        (patch["metadata"] as JsonObject)?.Remove("resourceVersion");
        var merged = (JsonObject)(type.IsCustom || !Patches.SupportsStrategic(type)
            ? Patches.ApplyMerge(live, patch)
            : Patches.ApplyStrategic(live, patch, type));
        RecordManager(merged, applied, type, manager, now);
        return merged;
    }

    public static void RecordManager(JsonObject target, JsonObject applied, ResourceType type, string manager, DateTimeOffset now)
    {
        var metadata = Meta.Metadata(target);
        var entries = metadata["managedFields"] as JsonArray ?? new JsonArray();
        var kept = new JsonArray();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (!(Meta.Str(entry, "manager") == manager && Meta.Str(entry, "operation") == "Apply"))
            {
                kept.Add(entry.DeepClone());
            }
        }

        kept.Add(new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = "Apply",
            ["apiVersion"] = type.ApiVersion,
            ["time"] = Meta.Time(now),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldSet(applied, top: true),
        });
        metadata["managedFields"] = kept;
    }

    private static JsonObject FieldSet(JsonObject obj, bool top)
    {
        var set = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (top && key is "apiVersion" or "kind")
            {
                continue;
            }

            if (top && key == "metadata" && value is JsonObject metadata)
            {
                var kept = new JsonObject();
                foreach (var (k, v) in metadata)
                {
                    if (k is "labels" or "annotations" or "finalizers")
                    {
                        kept[k] = v?.DeepClone();
                    }
                }

                set["f:metadata"] = FieldSet(kept, top: false);
                continue;
            }

            set["f:" + key] = value is JsonObject child ? FieldSet(child, top: false) : new JsonObject();
        }

        return set;
    }
}
