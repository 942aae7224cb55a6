using System.Globalization;
using System.Text;

namespace WindowsNodeOperator.Tests.BadInput;

/// <summary>
/// Invalid WindowsNodePolicy specs, each with the field a person must be pointed at and the words that say why. The
/// schema's rows are refused by <c>kubectl apply</c>; the operator's pass the schema and are reported as Degraded/InvalidSpec.
/// </summary>
internal static class BadPolicies
{
    /// <summary>The groups of the seeded sandbox fleet, so an operator row would select real nodes if it were valid.</summary>
    public const string Groups = "autoScalingGroups: {tags: {windowsnode.io/managed: 'true'}}";

    /// <summary>An SSM parameter holding a word, not an AMI id.</summary>
    public const string WordParameter = "/custom/windows/latest";

    /// <summary>An SSM parameter holding JSON whose image_id is no AMI id.</summary>
    public const string JsonParameter = "/custom/windows/latest-json";

    public static IReadOnlyList<BadPolicy> RejectedBySchema { get; } =
    [
        // Wrong types.
        new("type-maxnodeage-int", $"{Groups}, maxNodeAge: 45", "spec.maxNodeAge", "must be of type string"),
        new("type-names-string", "autoScalingGroups: {names: eks-windows-a}", "spec.autoScalingGroups.names", "must be of type array"),
        new("type-tags-list", "autoScalingGroups: {tags: [windowsnode.io/managed]}", "spec.autoScalingGroups.tags", "must be of type object"),
        new("type-paused-string", $"{Groups}, disruption: {{paused: 'yes'}}", "spec.disruption.paused", "must be of type boolean"),
        new("type-maxhealthy-string", $"{Groups}, refresh: {{maxHealthyPercentage: '110'}}", "spec.refresh.maxHealthyPercentage", "must be of type integer"),
        new("type-maxfailed-float", $"{Groups}, refresh: {{maxFailedLaunches: 2.5}}", "spec.refresh.maxFailedLaunches", "must be of type integer"),
        // An object where a list belongs: kube-apiserver's strict field validation (kubectl's default) calls its keys unknown.
        new("type-windows-object", $"{Groups}, disruption: {{maintenanceWindows: {{schedule: '0 22 * * *', duration: 6h}}}}", "spec.disruption.maintenanceWindows.schedule", "unknown field"),
        new("type-version-int", $"{Groups}, ami: {{windowsVersion: 2022}}", "spec.ami.windowsVersion", "must be of type string"),

        // Absurd durations.
        new("age-zero", $"{Groups}, maxNodeAge: 0d", "spec.maxNodeAge", "should match"),
        new("age-over-a-year", $"{Groups}, maxNodeAge: 366d", "spec.maxNodeAge", "should match"),
        new("age-in-years", $"{Groups}, maxNodeAge: 1y", "spec.maxNodeAge", "should match"),
        new("age-negative", $"{Groups}, maxNodeAge: '-5d'", "spec.maxNodeAge", "should match"),
        new("drain-fraction", $"{Groups}, drain: {{timeout: 1.5h}}", "spec.drain.timeout", "should match"),
        new("soak-units-reversed", $"{Groups}, ami: {{windowsVersion: '2022', soakTime: 30m1h}}", "spec.ami.soakTime", "should match"),
        new("warmup-empty", $"{Groups}, refresh: {{instanceWarmup: ''}}", "spec.refresh.instanceWarmup", "should be at least 2 chars long"),
        new("launch-timeout-long", $"{Groups}, refresh: {{launchTimeout: {new string('1', 40)}s}}", "spec.refresh.launchTimeout", "Too long"),
        new("window-duration-words", $"{Groups}, disruption: {{maintenanceWindows: [{{schedule: '0 22 * * *', duration: six hours}}]}}", "spec.disruption.maintenanceWindows[0].duration", "should match"),

        // Unknown Windows versions and editions.
        new("windows-2016", $"{Groups}, ami: {{windowsVersion: '2016'}}", "spec.ami.windowsVersion", "Unsupported value: \"2016\""),
        new("windows-11", $"{Groups}, ami: {{windowsVersion: '11'}}", "spec.ami.windowsVersion", "Unsupported value: \"11\""),
        new("windows-fullwidth", $"{Groups}, ami: {{windowsVersion: '２０２２'}}", "spec.ami.windowsVersion", "Unsupported value"),
        new("edition-datacenter", $"{Groups}, ami: {{windowsVersion: '2022', edition: Datacenter}}", "spec.ami.edition", "Unsupported value: \"Datacenter\""),
        new("kubernetes-patch", $"{Groups}, ami: {{windowsVersion: '2022', kubernetesVersion: 1.31.2}}", "spec.ami.kubernetesVersion", "should match"),
        new("ami-both-sources", $"{Groups}, ami: {{ssmParameter: /a/b, windowsVersion: '2022'}}", "\"spec.ami\"", "must not validate the schema (not)"),

        // The group selector: both, neither, empty, missing, repeated.
        new("groups-both", "autoScalingGroups: {names: [eks-windows-a], tags: {windowsnode.io/managed: 'true'}}", "spec.autoScalingGroups", "Too many: 2: must have at most 1 item"),
        new("groups-neither", "autoScalingGroups: {}", "spec.autoScalingGroups", "should have at least 1 properties"),
        new("groups-empty-names", "autoScalingGroups: {names: []}", "spec.autoScalingGroups.names", "should have at least 1 items"),
        new("groups-empty-tags", "autoScalingGroups: {tags: {}}", "spec.autoScalingGroups.tags", "should have at least 1 properties"),
        new("groups-missing", "maxNodeAge: 30d", "spec.autoScalingGroups", "Required value"),
        new("groups-repeated", "autoScalingGroups: {names: [eks-windows-a, eks-windows-a]}", "spec.autoScalingGroups.names[1]", "Duplicate value"),

        // Cron schedules and time zones the schema can judge.
        new("cron-four-fields", Window("0 22 * *"), "spec.disruption.maintenanceWindows[0].schedule", "should match"),
        new("cron-minute-61-hour-25", Window("61 25 * * *"), "spec.disruption.maintenanceWindows[0].schedule", "should match"),
        new("cron-and-zone-mars", $"{Groups}, disruption: {{maintenanceWindows: [{{schedule: '61 25 * * *', duration: 6h, timeZone: Mars/Base}}]}}", "spec.disruption.maintenanceWindows[0].schedule", "Invalid value: \"61 25 * * *\""),
        new("cron-hour-24", Window("0 24 * * *"), "spec.disruption.maintenanceWindows[0].schedule", "should match"),
        new("cron-minute-range-60", Window("0-60 2 * * *"), "spec.disruption.maintenanceWindows[0].schedule", "should match"),
        new("cron-words", Window("every night"), "spec.disruption.maintenanceWindows[0].schedule", "should match"),
        new("window-no-duration", $"{Groups}, disruption: {{maintenanceWindows: [{{schedule: '0 22 * * *'}}]}}", "spec.disruption.maintenanceWindows[0].duration", "Required value"),
        new("zone-with-space", Window("0 22 * * *", "Europe/New York"), "spec.disruption.maintenanceWindows[0].timeZone", "should match"),
        new("zone-unicode", Window("0 22 * * *", "Europe/Zürich"), "spec.disruption.maintenanceWindows[0].timeZone", "should match"),
        new("zone-too-long", Window("0 22 * * *", new string('A', 65)), "spec.disruption.maintenanceWindows[0].timeZone", "Too long"),

        // Percentages and counts out of range.
        new("unavailable-150-percent", $"{Groups}, disruption: {{maxUnavailable: '150%'}}", "spec.disruption.maxUnavailable", "should match"),
        new("unavailable-zero", $"{Groups}, disruption: {{maxUnavailable: 0}}", "spec.disruption.maxUnavailable", "should be greater than or equal to 1"),
        new("unavailable-negative", $"{Groups}, disruption: {{maxUnavailable: -1}}", "spec.disruption.maxUnavailable", "should be greater than or equal to 1"),
        new("minhealthy-101", $"{Groups}, refresh: {{minHealthyPercentage: 101}}", "spec.refresh.minHealthyPercentage", "should be less than or equal to 100"),
        new("maxhealthy-250", $"{Groups}, refresh: {{maxHealthyPercentage: 250}}", "spec.refresh.maxHealthyPercentage", "should be less than or equal to 200"),
        new("checkpoint-150", $"{Groups}, refresh: {{checkpointPercentages: [50, 150]}}", "spec.refresh.checkpointPercentages[1]", "should be less than or equal to 100"),
        new("maxfailed-zero", $"{Groups}, refresh: {{maxFailedLaunches: 0}}", "spec.refresh.maxFailedLaunches", "should be greater than or equal to 1"),
        new("concurrent-huge", $"{Groups}, refresh: {{concurrentGroups: 99999999999}}", "spec.refresh.concurrentGroups", "should be less than or equal to 50"),

        // Huge lists and maps.
        new("names-51", $"autoScalingGroups: {{names: [{List(51, i => $"group-{i}")}]}}", "spec.autoScalingGroups.names", "Too many: 51: must have at most 50 items"),
        new("tags-51", $"autoScalingGroups: {{tags: {{{List(51, i => $"tag-{i}: v")}}}}}", "spec.autoScalingGroups.tags", "Too many: 51: must have at most 50 items"),
        new("node-selector-33", $"{Groups}, nodeSelector: {{{List(33, i => $"label-{i}: v")}}}", "spec.nodeSelector", "Too many: 33: must have at most 32 items"),
        new("windows-21", $"{Groups}, disruption: {{maintenanceWindows: [{List(21, i => "{schedule: '0 22 * * *', duration: 1h}")}]}}", "spec.disruption.maintenanceWindows", "Too many: 21: must have at most 20 items"),
        new("checkpoints-11", $"{Groups}, refresh: {{checkpointPercentages: [{List(11, i => (i + 1).ToString(CultureInfo.InvariantCulture))}]}}", "spec.refresh.checkpointPercentages", "Too many: 11: must have at most 10 items"),
        new("taints-17", $"{Groups}, refresh: {{startupTaints: [{List(17, i => $"example.com/t{i}")}]}}", "spec.refresh.startupTaints", "Too many: 17: must have at most 16 items"),
        new("readiness-labels-17", $"{Groups}, refresh: {{readinessLabels: {{{List(17, i => $"example.com/l{i}: 'true'")}}}}}", "spec.refresh.readinessLabels", "Too many: 17: must have at most 16 items"),

        // Very long strings.
        new("group-name-256", $"autoScalingGroups: {{names: [{new string('g', 256)}]}}", "spec.autoScalingGroups.names[0]", "Too long"),
        new("tag-value-257", $"autoScalingGroups: {{tags: {{team: {new string('v', 257)}}}}}", "spec.autoScalingGroups.tags.team", "Too long"),
        new("selector-value-64", $"{Groups}, nodeSelector: {{pool: {new string('p', 64)}}}", "spec.nodeSelector.pool", "Too long"),
        new("readiness-value-64", $"{Groups}, refresh: {{readinessLabels: {{example.com/ready: {new string('r', 64)}}}}}", "spec.refresh.readinessLabels.example.com/ready", "Too long"),
        new("ssm-2049", $"{Groups}, ami: {{ssmParameter: /{new string('p', 2048)}}}", "spec.ami.ssmParameter", "Too long"),
        new("schedule-132", Window("0 22 * * " + string.Join(',', Enumerable.Repeat("MON", 31))), "spec.disruption.maintenanceWindows[0].schedule", "Too long"),

        // Malformed names: not a parameter path, unicode, spaces, not a taint key.
        new("ssm-relative", $"{Groups}, ami: {{ssmParameter: aws/service/x}}", "spec.ami.ssmParameter", "should match"),
        new("ssm-unicode", $"{Groups}, ami: {{ssmParameter: /ami/wïndows}}", "spec.ami.ssmParameter", "should match"),
        new("ssm-space", $"{Groups}, ami: {{ssmParameter: '/ami/windows latest'}}", "spec.ami.ssmParameter", "should match"),
        new("taint-not-a-key", $"{Groups}, refresh: {{startupTaints: ['not a taint']}}", "spec.refresh.startupTaints[0]", "should match"),
        new("on-timeout-later", $"{Groups}, drain: {{onTimeout: Later}}", "spec.drain.onTimeout", "Unsupported value: \"Later\""),
        new("unknown-field", $"{Groups}, surprise: true", "spec.surprise", "unknown field"),
    ];

    public static IReadOnlyList<BadPolicy> ReportedByOperator { get; } =
    [
        new("zone-mars", Window("0 22 * * 1-5", "Mars/Base"), "spec.disruption.maintenanceWindows[0].timeZone", "'Mars/Base' is not a known IANA time zone"),
        new("cron-february-30", Window("0 2 30 2 *"), "spec.disruption.maintenanceWindows[0].schedule", "'0 2 30 2 *' never fires"),
        new("cron-day-32", Window("0 2 32 * *"), "spec.disruption.maintenanceWindows[0].schedule", "is not a valid five-field cron schedule"),
        new("cron-funday", Window("0 2 * * Funday"), "spec.disruption.maintenanceWindows[0].schedule", "is not a valid five-field cron schedule"),
        new("cron-step-zero", Window("*/0 2 * * *"), "spec.disruption.maintenanceWindows[0].schedule", "is not a valid five-field cron schedule"),
        new("window-zero-duration", Window("0 22 * * *", duration: "0s"), "spec.disruption.maintenanceWindows[0].duration", "must stay open for more than 0s"),
        new("drain-timeout-overflow", $"{Groups}, drain: {{timeout: 99999999999999999999d}}", "spec.drain.timeout", "is too long a duration"),
        new("soak-thirty-years", $"{Groups}, ami: {{windowsVersion: '2022', soakTime: 10950d}}", "spec.ami.soakTime", "'10950d' is longer than 3650d"),
        new("window-duration-overflow", Window("0 22 * * *", duration: "10675199d"), "spec.disruption.maintenanceWindows[0].duration", "'10675199d' is longer than 3650d"),
        new("checkpoints-descending", $"{Groups}, refresh: {{checkpointPercentages: [50, 20]}}", "spec.refresh.checkpointPercentages[1]", "checkpoints must be strictly ascending"),
        new("ssm-holds-a-word", $"{Groups}, ami: {{ssmParameter: {WordParameter}}}", "spec.ami.ssmParameter", "which is not an AMI id"),
        new("ssm-holds-json-without-ami", $"{Groups}, ami: {{ssmParameter: {JsonParameter}}}", "spec.ami.ssmParameter", "which is not an AMI id"),
    ];

    /// <summary>A policy manifest named <paramref name="name"/> with a one-line flow-style spec.</summary>
    public static string Yaml(string name, string spec) =>
        $"apiVersion: windowsnode.io/v1alpha1\nkind: WindowsNodePolicy\nmetadata:\n  name: {name}\nspec: {{{spec}}}\n";

    private static string Window(string schedule, string timeZone = "UTC", string duration = "6h") =>
        $"{Groups}, disruption: {{maintenanceWindows: [{{schedule: '{schedule}', duration: '{duration}', timeZone: '{timeZone}'}}]}}";

    private static string List(int count, Func<int, string> item)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(item(i));
        }

        return text.ToString();
    }
}

/// <summary>One invalid policy: its name, its spec (flow-style YAML), the field path and the reason a person is shown.</summary>
internal sealed record BadPolicy(string Name, string Spec, string Field, string Reason)
{
    public string Yaml => BadPolicies.Yaml(Name, Spec);

    public override string ToString() => Name;
}
