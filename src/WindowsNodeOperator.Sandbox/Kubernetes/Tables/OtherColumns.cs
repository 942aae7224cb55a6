using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>The columns of kube's printers for budgets, events, namespaces, leases and workloads.</summary>
internal static class OtherColumns
{
    public static TableColumn[] PodDisruptionBudget { get; } =
    [
        Cells.Name,
        new("Min Available", "string", "The minimum number of pods that must be available.", (o, _) => Cells.IntOrString(o, "spec.minAvailable")),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable.", (o, _) => Cells.IntOrString(o, "spec.maxUnavailable")),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time.", (o, _) => Cells.Integer(o, "status.disruptionsAllowed")),
        Cells.Age,
    ];

    public static TableColumn[] Event { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded.", (o, now) => LastSeen(o, now)),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future", (o, _) => Cells.Text(o, "type") ?? string.Empty),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", (o, _) => Cells.Text(o, "reason") ?? string.Empty),
        new("Object", "string", "The object that this event is about.", (o, _) => Target(o)),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.", (o, _) => Cells.Text(Involved(o), "fieldPath") ?? string.Empty, Priority: 1),
        new("Source", "string", "The component reporting this event.", (o, _) => Source(o), Priority: 1),
        new("Message", "string", "A human-readable description of the status of this operation.", (o, _) => (Cells.Text(o, "message") ?? Cells.Text(o, "note") ?? string.Empty).Trim()),
        new("First Seen", "string", "The time at which the event was first recorded.", (o, now) => FirstSeen(o, now), Priority: 1),
        new("Count", "string", "The number of times this event has occurred.", (o, _) => Count(o), Priority: 1),
        Cells.Name with { Priority = 1 },
    ];

    public static TableColumn[] Namespace { get; } =
    [
        Cells.Name,
        new("Status", "string", "The status of the namespace", (o, _) => Cells.Text(o, "status.phase") ?? string.Empty),
        Cells.Age,
    ];

    public static TableColumn[] Lease { get; } =
    [
        Cells.Name,
        new("Holder", "string", "The holder of the lease", (o, _) => Cells.Text(o, "spec.holderIdentity") ?? string.Empty),
        Cells.Age,
    ];

    public static TableColumn[] DaemonSet { get; } =
    [
        Cells.Name,
        Int("Desired", "The desired number of daemon pods", "status.desiredNumberScheduled"),
        Int("Current", "The current number of daemon pods", "status.currentNumberScheduled"),
        Int("Ready", "The number of daemon pods ready", "status.numberReady"),
        Int("Up-to-date", "The number of daemon pods up to date", "status.updatedNumberScheduled"),
        Int("Available", "The number of daemon pods available", "status.numberAvailable"),
        new("Node Selector", "string", "The node selector of the daemon set", (o, _) => Cells.MapOrNone(o, "spec.template.spec.nodeSelector")),
        Cells.Age,
        .. TemplateColumns,
    ];

    public static TableColumn[] ReplicaSet { get; } =
    [
        Cells.Name,
        Int("Desired", "Number of desired pods", "spec.replicas"),
        Int("Current", "Number of actual pods", "status.replicas"),
        Int("Ready", "Number of pods ready", "status.readyReplicas"),
        Cells.Age,
        .. TemplateColumns,
    ];

    public static TableColumn[] Deployment { get; } =
    [
        Cells.Name,
        new("Ready", "string", "Number of the pod with ready state", (o, _) =>
            string.Create(CultureInfo.InvariantCulture, $"{Cells.Integer(o, "status.readyReplicas")}/{Cells.Integer(o, "spec.replicas")}")),
        Int("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", "status.updatedReplicas"),
        Int("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", "status.availableReplicas"),
        Cells.Age,
        .. TemplateColumns,
    ];

    private static TableColumn[] TemplateColumns =>
    [
        new("Containers", "string", "Names of each container in the template.", (o, _) => Containers(o, "name"), Priority: 1),
        new("Images", "string", "Images referenced by each container in the template.", (o, _) => Containers(o, "image"), Priority: 1),
        new("Selector", "string", "Label selector for pods.", (o, _) => Cells.Selector(o, "spec.selector"), Priority: 1),
    ];

    private static TableColumn Int(string name, string description, string path) => new(name, "integer", description, (o, _) => Cells.Integer(o, path));

    private static string Containers(JsonObject o, string field) =>
        string.Join(',', Cells.Items(o, "spec.template.spec.containers").Select(c => Cells.Text(c, field) ?? string.Empty));

    private static JsonNode? Involved(JsonObject e) => e["involvedObject"] ?? e["regarding"];

    private static string Target(JsonObject e)
    {
        var involved = Involved(e);
        var kind = (Cells.Text(involved, "kind") ?? string.Empty).ToLowerInvariant();
        return Cells.Text(involved, "name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
    }

    private static string Source(JsonObject e)
    {
        var component = Cells.Text(e, "source.component") ?? Cells.Text(e, "reportingController") ?? string.Empty;
        var host = Cells.Text(e, "source.host") ?? Cells.Text(e, "reportingInstance");
        return host is { Length: > 0 } ? $"{component}, {host}" : component;
    }

    private static string FirstSeen(JsonObject e, DateTimeOffset now) =>
        HumanDuration.Since(Cells.Time(e, "firstTimestamp") ?? Cells.Time(e, "deprecatedFirstTimestamp") ?? Cells.Time(e, "eventTime"), now);

    private static long CountOf(JsonObject e) => Math.Max(Cells.Integer(e, "count"), Cells.Integer(e, "deprecatedCount"));

    private static string Count(JsonObject e) => CountOf(e).ToString(CultureInfo.InvariantCulture);

    private static string LastSeen(JsonObject e, DateTimeOffset now)
    {
        var first = FirstSeen(e, now);
        var lastTime = Cells.Time(e, "lastTimestamp") ?? Cells.Time(e, "deprecatedLastTimestamp");
        var last = lastTime is null ? first : HumanDuration.Since(lastTime, now);
        if (Cells.At(e, "series") is { } series)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{HumanDuration.Since(Cells.Time(series, "lastObservedTime"), now)} (x{Cells.Integer(series, "count")} over {first})");
        }

        return CountOf(e) > 1 ? string.Create(CultureInfo.InvariantCulture, $"{last} (x{CountOf(e)} over {first})") : last;
    }
}
