using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>
/// The Windows Server version and edition a group runs now, read from its launch template's AMI name and its nodes'
/// <c>node.kubernetes.io/windows-build</c> labels. <see cref="Version"/> is null when they do not tell, or disagree.
/// </summary>
/// <param name="Evidence">How the version was read, or why it could not be: for messages.</param>
internal sealed record GroupWindows(string? Version, WindowsEdition? Edition, string Evidence)
{
    /// <summary>Reads the group's version; <paramref name="nodeBuilds"/> are the build labels of its nodes (null where a node has none).</summary>
    public static GroupWindows Read(GroupFacts group, IReadOnlyCollection<string?> nodeBuilds)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(nodeBuilds);
        var name = WindowsAmiName.Parse(group.LaunchTemplateImageName);
        var builds = nodeBuilds.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var nodeVersions = builds.Select(WindowsVersions.OfBuild).Distinct().ToList();
        var nodes = builds.Count == 0 ? null : $"its nodes run build {string.Join(", ", builds)}";

        // 1. The nodes disagree with each other, or run a build of no known version: a migration half done, or hosts
        //    someone changed by hand. Only a person can say which version the group should run.
        if (nodeVersions.Count > 1 || nodeVersions.Contains(null))
        {
            return new GroupWindows(null, name?.Edition, Unknown(group, name, nodes!));
        }

        var fromNodes = nodeVersions.SingleOrDefault();

        // 2. The AMI's name and the nodes agree, or only one of them tells.
        if (name is not null && (fromNodes is null || fromNodes == name.WindowsVersion))
        {
            return new GroupWindows(name.WindowsVersion, name.Edition, $"{Template(group)}" + (nodes is null ? string.Empty : $" and {nodes}"));
        }

        if (name is null && fromNodes is not null)
        {
            return new GroupWindows(fromNodes, null, $"{nodes} (its launch template's AMI {group.LaunchTemplateImageId ?? "(none)"} does not name a version)");
        }

        // 3. The template launches one version and the nodes run another (the template was changed and no refresh has
        //    replaced them yet), or nothing tells at all.
        return new GroupWindows(null, name?.Edition, Unknown(group, name, nodes ?? $"its nodes carry no {WindowsVersions.BuildLabel} label"));
    }

    /// <summary>The <c>node.kubernetes.io/windows-build</c> label of each Windows node, by the group its instance is in.</summary>
    public static Dictionary<string, List<string?>> BuildsByGroup(IEnumerable<NodeFacts> nodes, IEnumerable<InstanceFacts> instances)
    {
        var groupOf = instances.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Group, StringComparer.Ordinal);
        var builds = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.InstanceId is { } id && groupOf.TryGetValue(id, out var group)
                && node.Labels.GetValueOrDefault(WindowsNodePolicySpec.OsLabel) == WindowsNodePolicySpec.OsLabelValue)
            {
                (builds.TryGetValue(group, out var list) ? list : builds[group] = []).Add(node.Labels.GetValueOrDefault(WindowsVersions.BuildLabel));
            }
        }

        return builds;
    }

    private static string Template(GroupFacts group) =>
        $"its launch template's AMI {group.LaunchTemplateImageId} is {group.LaunchTemplateImageName}";

    private static string Unknown(GroupFacts group, WindowsAmiName? name, string nodes) =>
        (name is null
            ? $"its launch template's AMI {group.LaunchTemplateImageId ?? "(none)"}"
              + (group.LaunchTemplateImageName is { } other ? $" ({other})" : " (name unknown)") + " does not name a Windows Server version"
            : Template(group))
        + $", {nodes}";
}
