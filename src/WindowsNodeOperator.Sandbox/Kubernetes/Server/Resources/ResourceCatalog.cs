namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>The resources served right now: the built-ins plus every established CRD's versions.</summary>
internal sealed class ResourceCatalog
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _custom = new(StringComparer.Ordinal);

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_sync)
            {
                return [.. BuiltInResources.All, .. _custom.Values.SelectMany(v => v)];
            }
        }
    }

    public void Register(string crdName, IReadOnlyList<ResourceType> versions)
    {
        lock (_sync)
        {
            _custom[crdName] = versions;
        }
    }

    public void Unregister(string crdName)
    {
        lock (_sync)
        {
            _custom.Remove(crdName);
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Finds by apiVersion and kind, plural or singular name (the in-process store's way of naming).</summary>
    public ResourceType? Find(string apiVersion, string kindOrPlural)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        return All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Matches(kindOrPlural));
    }

    public IReadOnlyList<ResourceType> OfGroupVersion(string group, string version) =>
        All.Where(t => t.Group == group && t.Version == version).ToList();

    /// <summary>Groups in discovery order (built-in first), each with its versions.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().ToList()))
            .ToList();

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
