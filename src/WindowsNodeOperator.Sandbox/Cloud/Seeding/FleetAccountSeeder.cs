using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Ssm;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Cloud.Seeding;

/// <summary>Builds the simulated account behind a <see cref="FleetPlan"/>, so its instances and the seeded Nodes match.</summary>
internal static class FleetAccountSeeder
{
    private const string ClusterTagPrefix = "kubernetes.io/cluster/";

    public static void Seed(CloudState state, FleetOptions fleet, IReadOnlyList<SimulatedInstance> instances, DateTimeOffset now)
    {
        // Windows Server 2022 Core always, as AWS publishes it; the other versions and editions the fleet's groups run.
        var families = fleet.Groups
            .Where(g => g.Os == NodeOs.Windows)
            .Select(g => (g.WindowsVersion, Full: g.Hardening?.Full == true))
            .Prepend(("2022", false))
            .Distinct();
        foreach (var (version, full) in families)
        {
            AddWindowsAmis(state, fleet, version, full ? "Full" : "Core", FleetPlan.MonthlyAmis(version, full), now);
        }

        if (fleet.Groups.Any(g => g.Hardening?.RdpOpenToWorld == true))
        {
            state.SecurityGroups[Ec2SecurityGroup.RemoteAccess.GroupId] = Ec2SecurityGroup.RemoteAccess;
        }

        var linuxCreated = now - TimeSpan.FromDays(31);
        AddImage(state, FleetPlan.LinuxAmi, $"amazon-eks-node-al2023-x86_64-standard-{fleet.KubernetesVersion}-v{linuxCreated:yyyyMMdd}", linuxCreated, null);
        SimulatedSsm.Put(state, FleetParameters.LinuxAmi(fleet.KubernetesVersion), FleetPlan.LinuxAmi, linuxCreated);

        string[] zones = [$"{fleet.Region}a", $"{fleet.Region}b", $"{fleet.Region}c"];
        foreach (var options in fleet.Groups)
        {
            var images = options.Os == NodeOs.Windows ? FleetPlan.WindowsAmis(options) : [FleetPlan.LinuxAmi];
            var template = AddTemplate(state, $"{options.Name}-nodes", images, options.InstanceType, now);
            var spec = Latest(template);
            var policy = options.MixedInstances is { } mixed ? Policy(state, options, mixed, spec, images, now) : null;
            var group = new GroupRecord(new CreateAutoScalingGroupRequest(options.Name, policy is null ? spec : null, options.Size, options.Size * 2, options.Size, zones)
            {
                MixedInstancesPolicy = policy,
                Tags = WithClusterTag(options.Tags, fleet.ClusterName),
                HealthCheckGracePeriod = 300,
            });
            state.Groups.Add(group.Name, group);

            // The instances launched from what the group launches: the first override's own template, if it has one.
            var launchedFrom = policy?.Overrides is [{ LaunchTemplateSpecification: { } own }, ..] ? state.Templates[own.LaunchTemplateId!] : template;
            foreach (var member in instances.Where(i => i.GroupName == options.Name))
            {
                Harden(Adopt(state, group, launchedFrom, member), options.Hardening ?? GroupHardening.Hardened);
            }
        }
    }

    /// <summary>
    /// A group's tags with <c>kubernetes.io/cluster/&lt;cluster&gt;=owned</c>, which eksctl and the EKS node group
    /// CloudFormation templates put on every self-managed node group's Auto Scaling group; a group the fleet gives a
    /// cluster tag of its own (another cluster's) keeps only that.
    /// </summary>
    private static IReadOnlyDictionary<string, string> WithClusterTag(IReadOnlyDictionary<string, string> tags, string cluster)
    {
        if (tags.Keys.Any(k => k.StartsWith(ClusterTagPrefix, StringComparison.Ordinal)))
        {
            return tags;
        }

        return new Dictionary<string, string>(tags, StringComparer.Ordinal) { [ClusterTagPrefix + cluster] = "owned" };
    }

    private static LaunchTemplateRecord AddTemplate(CloudState state, string name, IReadOnlyList<string> images, string instanceType, DateTimeOffset now)
    {
        var template = new LaunchTemplateRecord(state.Ids.LaunchTemplateId(), name, now - TimeSpan.FromDays(120));
        foreach (var image in images)
        {
            template.Add(image, instanceType, state.Images[image].Image.CreationDate, null);
        }

        template.DefaultVersion = template.LatestVersion;
        state.Templates.Add(template.Id, template);
        return template;
    }

    private static LaunchTemplateSpecification Latest(LaunchTemplateRecord template) =>
        new(template.Id, template.Name, template.LatestVersion.ToString(CultureInfo.InvariantCulture));

    private static MixedInstancesPolicy Policy(
        CloudState state, GroupOptions options, GroupMixedInstances mixed, LaunchTemplateSpecification spec, IReadOnlyList<string> images, DateTimeOffset now)
    {
        var overrides = mixed.Overrides.Select(o => new LaunchTemplateOverrides(
            o.InstanceType,
            o.WeightedCapacity,
            o.OwnLaunchTemplate ? Latest(AddTemplate(state, $"{options.Name}-{o.InstanceType}-nodes", images, o.InstanceType, now)) : null));
        var d = mixed.InstancesDistribution;
        var policy = new MixedInstancesPolicy(
            spec,
            [.. overrides],
            d is null
                ? null
                : new InstancesDistribution(
                    d.OnDemandAllocationStrategy, d.OnDemandBaseCapacity, d.OnDemandPercentageAboveBaseCapacity,
                    d.SpotAllocationStrategy, d.SpotInstancePools, d.SpotMaxPrice));
        MixedInstancesRules.Validate(policy);
        return state.Named(policy);
    }

    private static void AddWindowsAmis(
        CloudState state, FleetOptions fleet, string version, string edition, IReadOnlyList<string> amis, DateTimeOffset now)
    {
        var parameter = FleetParameters.WindowsAmi(fleet.KubernetesVersion, edition, version);
        for (var i = 0; i < amis.Count; i++)
        {
            // The newest AMI came out a month ago, so an instance launched any time in the last 30 days can run it.
            var created = now - TimeSpan.FromDays(((amis.Count - i) * 30) + 1);
            var name = $"Windows_Server-{version}-English-{edition}-EKS_Optimized-{fleet.KubernetesVersion}-{created:yyyy.MM.dd}";
            state.Images[amis[i]] = new ImageRecord(new Ec2Image(
                amis[i], name, created, "windows", fleet.AmiDeprecationDays is { } days ? created + TimeSpan.FromDays(days) : null))
            {
                Withdrawn = fleet.AmiPrivateDays is { } privateDays && created + TimeSpan.FromDays(privateDays) <= now,
            };
            SimulatedSsm.Put(state, parameter, amis[i], created);
        }
    }

    private static void AddImage(CloudState state, string id, string name, DateTimeOffset created, string? platform) =>
        state.Images[id] = new ImageRecord(new Ec2Image(id, name, created, platform));

    private static void Harden(InstanceRecord instance, GroupHardening hardening)
    {
        if (hardening.RdpOpenToWorld)
        {
            instance.SecurityGroupIds.Add(Ec2SecurityGroup.RemoteAccess.GroupId);
        }

        instance.HttpTokens = hardening.ImdsV1 ? "optional" : "required";
        instance.RootVolumeEncrypted = !hardening.UnencryptedRootVolume;
        instance.SsmAgent = !hardening.NoSsmAgent;
    }

    private static InstanceRecord Adopt(CloudState state, GroupRecord group, LaunchTemplateRecord template, SimulatedInstance member)
    {
        var version = template.Versions.First(v => v.ImageId == member.ImageId);
        state.Ids.ReserveIp(member.PrivateIp);
        var instance = new InstanceRecord
        {
            Id = member.InstanceId,
            ImageId = member.ImageId,
            InstanceType = member.InstanceType,
            AvailabilityZone = member.AvailabilityZone,
            PrivateIp = member.PrivateIp,
            PrivateDnsName = member.NodeName,
            AttachTime = member.LaunchTime,
            Platform = member.Os == NodeOs.Windows ? "windows" : null,
            LaunchTime = member.LaunchTime,
            State = Ec2InstanceState.Running,
            GroupName = group.Name,
            TemplateId = template.Id,
            TemplateName = template.Name,
            TemplateVersion = version.VersionNumber,
            Lifecycle = LifecycleState.InService,
            InServiceAt = member.LaunchTime,
            Registered = true,
        };
        InstanceLifecycle.TagGroupMember(instance);
        state.Instances.Add(instance.Id, instance);
        group.Members.Add(instance);
        return instance;
    }
}
