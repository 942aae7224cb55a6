using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

public sealed class FleetFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fleet-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_fleet_in_config_loads_and_plans()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("config"), "sandbox-fleet*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var options = FleetFile.Load(file);
            var instances = FleetPlan.Build(options, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
            Assert.Equal(options.Groups.Sum(g => g.Size), instances.Count);
        }
    }

    [Fact]
    public void The_large_fleet_reads_enums_tags_and_optional_fields()
    {
        var options = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-large.json"));

        Assert.Equal("eu-west-1", options.Region);
        var batch = options.Groups.Single(g => g.Name == "eks-windows-batch");
        Assert.Equal(NodeOs.Windows, batch.Os);
        Assert.Equal("m5.2xlarge", batch.InstanceType);
        Assert.Equal("true", batch.Tags["windowsnode.io/managed"]);
        Assert.Equal("80%", options.Workloads.Single(w => w.Name == "storefront").MinAvailable);
    }

    [Fact]
    public void The_fast_variant_is_the_default_fleet_with_short_timings()
    {
        var options = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-fast.json"));

        Assert.Equal(new FleetOptions().Groups.Select(g => g.Name), options.Groups.Select(g => g.Name));
        Assert.Equal(TimeSpan.FromSeconds(8), options.Timings.InstanceBoot);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timings.WindowsPodStart);
        Assert.Equal(new FleetTimings().InstanceBoot, new FleetOptions().Timings.InstanceBoot);
    }

    [Fact]
    public void The_windows_agents_variant_is_the_default_fleet_with_the_agent_daemonsets()
    {
        var options = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-windows-agents.json"));

        Assert.Equal(FleetOptions.WithWindowsAgents().DaemonSets, options.DaemonSets);
        Assert.Equal(new FleetOptions().Groups.Select(g => g.Name), options.Groups.Select(g => g.Name));
    }

    [Fact]
    public void The_mixed_instances_variant_puts_both_managed_groups_on_mixed_instances_policies()
    {
        var options = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-instances.json"));

        Assert.Equal(new FleetOptions().Groups.Select(g => g.Name), options.Groups.Select(g => g.Name));
        var a = options.Groups.Single(g => g.Name == "eks-windows-a").MixedInstances!;
        Assert.Equal(["m6i.xlarge", "m5.xlarge", "m5a.xlarge"], a.Overrides.Select(o => o.InstanceType));
        Assert.Equal(new FleetInstancesDistribution("prioritized", 2, 50, "price-capacity-optimized"), a.InstancesDistribution);
        var b = options.Groups.Single(g => g.Name == "eks-windows-b").MixedInstances!;
        Assert.Equal(["1", "1"], b.Overrides.Select(o => o.WeightedCapacity));
        Assert.Null(b.InstancesDistribution);
        Assert.Equal(["m6i.xlarge", "m6a.xlarge", "m5.xlarge", "m5.xlarge"], options.Groups.Select(g => g.LaunchedInstanceType));
    }

    [Fact]
    public void A_mixed_instances_group_without_overrides_is_refused_naming_the_field()
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, """{ "groups": [ { "name": "g", "os": "Windows", "size": 1, "maxAgeDays": 1, "tags": {}, "mixedInstances": { "overrides": [] } } ] }""");

        var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

        Assert.Contains("groups[0].mixedInstances.overrides", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heartbeats_are_on_with_the_kubelet_intervals_unless_the_file_says_otherwise()
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, """{ "heartbeats": { "enabled": false, "nodeStatusReportFrequency": "00:01:00" } }""");

        var options = FleetFile.Load(path);

        Assert.False(options.Heartbeats.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Heartbeats.NodeStatusReportFrequency);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Heartbeats.NodeStatusUpdateFrequency);
        Assert.Equal(TimeSpan.FromSeconds(10), new FleetOptions().Heartbeats.LeaseRenewInterval);
        Assert.True(new FleetOptions().Heartbeats.Enabled);
    }

    [Fact]
    public void Kubelet_outages_are_read_from_the_file()
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, """{ "kubeletOutages": [ { "group": "eks-windows-a", "node": 2, "after": "00:10:00" } ] }""");

        var options = FleetFile.Load(path);

        Assert.Equal([new KubeletOutageOptions("eks-windows-a", 2, TimeSpan.FromMinutes(10))], options.KubeletOutages);
        Assert.Empty(new FleetOptions().KubeletOutages);
    }

    [Fact]
    public void AMIs_with_a_broken_pod_sandbox_image_are_read_from_the_file()
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, """{ "brokenPodSandboxImages": [ "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20" ] }""");

        var options = FleetFile.Load(path);

        Assert.Equal(["Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20"], options.BrokenPodSandboxImages);
    }

    [Theory]
    [InlineData("""{ "timings": { "instanceBoot": "-00:00:01" } }""", "timings.instanceBoot: must be between 00:00:00 and 01:00:00, not -00:00:01")]
    [InlineData("""{ "heartbeats": { "nodeLeaseDurationSeconds": 0 } }""", "heartbeats.nodeLeaseDurationSeconds: must be positive, not 0")]
    [InlineData("""{ "groups": [ { "name": "a", "os": "Windows", "size": 1, "maxAgeDays": 1, "tags": {}, "colour": "red" } ] }""", "groups[0]")]
    [InlineData("""{ "groups": [ { "os": "Windows", "size": 1, "maxAgeDays": 1, "tags": {} } ] }""", "groups[0]")]
    [InlineData("""{ "groups": [ { "name": "a", "os": "Solaris", "size": 1, "maxAgeDays": 1, "tags": {} } ] }""", "groups[0].os: must be \"Windows\" or \"Linux\", not \"Solaris\"")]
    [InlineData("""{ "groups": [ { "name": "a", "os": "Windows", "size": -3, "maxAgeDays": 1, "tags": {} } ] }""", "groups[0].size: must be between 0 and 5000, not -3")]
    [InlineData("""{ "groups": [ { "name": "a", "os": "Windows", "size": 1, "maxAgeDays": 1, "tags": {} }, { "name": "a", "os": "Linux", "size": 1, "maxAgeDays": 1, "tags": {} } ] }""", "groups[1].name")]
    [InlineData("""{ "workloads": [ { "namespace": "n", "name": "w", "os": "Windows", "replicas": 1, "image": "i", "minAvailable": "1", "maxUnavailable": "1" } ] }""", "workloads[0]: give minAvailable or maxUnavailable, not both")]
    [InlineData("""{ "kubeletOutages": [ { "group": "nope", "node": 0, "after": "00:10:00" } ] }""", "kubeletOutages[0].group: no group \"nope\"")]
    [InlineData("""{ "kubeletOutages": [ { "group": "eks-windows-a", "node": 6, "after": "00:10:00" } ] }""", "kubeletOutages[0].node: must be between 0 and 5, not 6")]
    public void A_bad_fleet_file_is_refused_naming_the_field(string json, string expected)
    {
        var path = Path.Combine(_dir, "fleet.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<FleetFileException>(() => FleetFile.Load(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
