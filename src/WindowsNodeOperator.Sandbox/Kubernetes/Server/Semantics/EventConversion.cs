using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// core/v1 Event (storage form) to and from events.k8s.io/v1 Event, as kube's conversion does
/// (https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/), plus filling
/// the deprecated core fields from the new ones so kubectl describe shows count, age and source.
/// </summary>
internal static class EventConversion
{
    private static readonly (string Core, string New)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    public static JsonObject ToCore(JsonObject modern)
    {
        var core = Rename(modern, toCore: true);
        core["apiVersion"] = "v1";
        var series = modern["series"] as JsonObject;
        core["count"] ??= series?["count"]?.DeepClone() ?? 1;
        core["firstTimestamp"] ??= Seconds(modern["eventTime"]);
        core["lastTimestamp"] ??= Seconds(series?["lastObservedTime"]) ?? Seconds(modern["eventTime"]);
        if (core["source"] is null && modern["reportingController"] is { } controller)
        {
            core["source"] = new JsonObject { ["component"] = controller.DeepClone() };
        }

        return core;
    }

    public static JsonObject ToModern(JsonObject core)
    {
        var modern = Rename(core, toCore: false);
        modern["apiVersion"] = "events.k8s.io/v1";
        if (modern["reportingController"] is null && core["source"]?["component"] is { } component)
        {
            modern["reportingController"] = component.DeepClone();
        }

        return modern;
    }

    private static JsonObject Rename(JsonObject source, bool toCore)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var target = key;
            foreach (var (core, modern) in Renames)
            {
                if (toCore && key == modern)
                {
                    target = core;
                }
                else if (!toCore && key == core)
                {
                    target = modern;
                }
            }

            result[target] = value?.DeepClone();
        }

        return result;
    }

    private static JsonNode? Seconds(JsonNode? microTime)
    {
        if (microTime is not JsonValue value || !value.TryGetValue<string>(out var text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            return null;
        }

        return Meta.Time(at);
    }
}
