using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Api;

public sealed class InvalidPolicyTests
{
    private const string Groups = "autoScalingGroups: {names: [asg-a]}\n";

    private static string[] Errors(string specYaml) =>
        PolicyCrd.Admit(PolicyCrd.Policy(specYaml)).Select(e => e.ToString()).ToArray();

    [Fact]
    public void A_minimal_policy_is_valid() => Assert.Empty(Errors(Groups));

    [Theory]
    [InlineData("0d")]
    [InlineData("0h")]
    [InlineData("23h")]
    [InlineData("366d")]
    [InlineData("8761h")]
    [InlineData("45d12h")]
    [InlineData("045d")]
    public void Max_node_age_outside_one_to_365_days_is_rejected_by_the_pattern(string age)
    {
        var error = Assert.Single(Errors(Groups + $"maxNodeAge: '{age}'"));

        Assert.StartsWith($"spec.maxNodeAge: Invalid value: \"{age}\": spec.maxNodeAge in body should match '^", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("45d")]
    [InlineData("365d")]
    [InlineData("24h")]
    [InlineData("1080h")]
    [InlineData("8760h")]
    public void Max_node_age_within_bounds_is_accepted(string age) => Assert.Empty(Errors(Groups + $"maxNodeAge: {age}"));

    [Fact]
    public void Startup_taints_and_readiness_labels_are_accepted() =>
        Assert.Empty(Errors(Groups + "refresh: {startupTaints: [node.example.com/agent-not-ready], readinessLabels: {example.com/ready: 'true'}}"));

    [Fact]
    public void A_startup_taint_that_is_no_qualified_name_is_rejected()
    {
        var error = Assert.Single(Errors(Groups + "refresh: {startupTaints: ['not a taint']}"));

        Assert.StartsWith("spec.refresh.startupTaints[0]: Invalid value: \"not a taint\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_names_and_tags_is_rejected() =>
        Assert.Equal(
            ["spec.autoScalingGroups: Too many: 2: must have at most 1 item"],
            Errors("autoScalingGroups: {names: [a], tags: {k: v}}"));

    [Fact]
    public void Neither_names_nor_tags_is_rejected() =>
        Assert.Equal(
            ["spec.autoScalingGroups: Invalid value: 0: spec.autoScalingGroups in body should have at least 1 properties"],
            Errors("autoScalingGroups: {}"));

    [Fact]
    public void Missing_groups_is_required() =>
        Assert.Equal(["spec.autoScalingGroups: Required value"], Errors("maxNodeAge: 30d"));

    [Fact]
    public void Both_ssm_parameter_and_windows_version_is_rejected() =>
        Assert.Equal(
            ["""<nil>: Invalid value: "": "spec.ami" must not validate the schema (not)"""],
            Errors(Groups + "ami: {ssmParameter: /a/b, windowsVersion: '2022'}"));

    [Fact]
    public void Ami_without_a_source_is_admitted_and_keeps_each_groups_version() =>
        Assert.Empty(Errors(Groups + "ami: {edition: Full}"));

    [Fact]
    public void Unknown_on_timeout_is_unsupported() =>
        Assert.Equal(
            ["""spec.drain.onTimeout: Unsupported value: "Later": supported values: "Force", "Wait" """.TrimEnd()],
            Errors(Groups + "drain: {onTimeout: Later}"));

    [Fact]
    public void Zero_max_unavailable_is_rejected() =>
        Assert.Equal(
            ["spec.disruption.maxUnavailable: Invalid value: 0: spec.disruption.maxUnavailable in body should be greater than or equal to 1"],
            Errors(Groups + "disruption: {maxUnavailable: 0}"));

    [Theory]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("3")]
    public void Bad_max_unavailable_percentages_are_rejected(string value) =>
        Assert.Single(Errors(Groups + $"disruption: {{maxUnavailable: '{value}'}}"));

    [Fact]
    public void Unknown_fields_are_pruned_not_rejected()
    {
        var policy = PolicyCrd.Policy(Groups + "surprise: 1\ndrain: {timeout: 10m, later: true}");

        Assert.Empty(PolicyCrd.Admit(policy));
        Assert.False(policy["spec"]!.AsObject().ContainsKey("surprise"));
        Assert.False(policy["spec"]!["drain"]!.AsObject().ContainsKey("later"));
        Assert.Equal("10m", policy["spec"]!["drain"]!["timeout"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("refresh: {checkpointPercentages: [0, 50]}", "spec.refresh.checkpointPercentages[0]")]
    [InlineData("refresh: {maxHealthyPercentage: 99}", "spec.refresh.maxHealthyPercentage")]
    [InlineData("refresh: {concurrentGroups: 0}", "spec.refresh.concurrentGroups")]
    [InlineData("drain: {timeout: 30min}", "spec.drain.timeout")]
    [InlineData("disruption: {maintenanceWindows: [{schedule: '0 22 * *', duration: 6h}]}", "spec.disruption.maintenanceWindows[0].schedule")]
    [InlineData("disruption: {maintenanceWindows: [{schedule: '0 22 * * 1-5'}]}", "spec.disruption.maintenanceWindows[0].duration")]
    [InlineData("ami: {windowsVersion: '2016'}", "spec.ami.windowsVersion")]
    [InlineData("ami: {windowsVersion: '2022', kubernetesVersion: '1.31.2'}", "spec.ami.kubernetesVersion")]
    [InlineData("ami: {ssmParameter: aws/service/x}", "spec.ami.ssmParameter")]
    [InlineData("autoScalingGroups: {names: [a, a]}", "spec.autoScalingGroups.names[1]")]
    public void Other_invalid_fields_are_named(string specYaml, string field)
    {
        var yaml = specYaml.StartsWith("autoScalingGroups", StringComparison.Ordinal) ? specYaml : Groups + specYaml;

        var errors = PolicyCrd.Admit(PolicyCrd.Policy(yaml));

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Status_conditions_are_a_map_keyed_by_type()
    {
        var policy = PolicyCrd.Policy(Groups);
        policy["status"] = YamlJson.Parse("""
            conditions:
              - {type: Ready, status: "True", lastTransitionTime: "2025-01-01T00:00:00Z", reason: Ok, message: ""}
              - {type: Ready, status: "False", lastTransitionTime: "2025-01-01T00:00:00Z", reason: Bad, message: ""}
            """);

        var error = Assert.Single(PolicyCrd.Admit(policy));

        Assert.Equal(FieldErrorType.Duplicate, error.Type);
        Assert.Equal("status.conditions[1]", error.Field);
    }
}
