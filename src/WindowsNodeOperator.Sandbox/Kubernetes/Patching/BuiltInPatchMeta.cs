namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>
/// The <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags of k8s.io/api for the kinds the sandbox serves.
/// Lists without tags (node taints, pod tolerations, container statuses...) are replaced.
/// </summary>
internal static class BuiltInPatchMeta
{
    private static readonly PatchMeta Common = new(Table(t => ObjectMeta(t, "metadata")));

    private static readonly Dictionary<string, PatchMeta> ByKind = Build();

    public static PatchMeta For(string apiVersion, string kind) =>
        ByKind.TryGetValue($"{apiVersion}/{kind}", out var meta) ? meta : Common;

    /// <summary>Core ("v1"), unqualified groups (apps, policy, batch...) and *.k8s.io groups are built in; other groups are custom resources.</summary>
    public static bool IsBuiltInGroup(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return true;
        }

        var group = apiVersion[..slash];
        return !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    private static Dictionary<string, PatchMeta> Build()
    {
        var kinds = new Dictionary<string, PatchMeta>(StringComparer.Ordinal)
        {
            ["v1/Pod"] = new(Table(t =>
            {
                ObjectMeta(t, "metadata");
                PodSpec(t, "spec");
                Conditions(t, "status");
                t["status.podIPs"] = PatchField.MergeBy("ip");
                t["status.hostIPs"] = PatchField.MergeBy("ip");
            })),
            ["v1/Node"] = new(Table(t =>
            {
                ObjectMeta(t, "metadata");
                t["spec.podCIDRs"] = PatchField.MergeSet;
                Conditions(t, "status");
                t["status.addresses"] = PatchField.MergeBy("type");
            })),
            ["v1/Namespace"] = new(Table(t =>
            {
                ObjectMeta(t, "metadata");
                Conditions(t, "status");
            })),
            ["policy/v1/PodDisruptionBudget"] = new(Table(t =>
            {
                ObjectMeta(t, "metadata");
                Conditions(t, "status");
            })),
            ["batch/v1/Job"] = Workload(),
        };

        foreach (var kind in new[] { "DaemonSet", "ReplicaSet", "Deployment", "StatefulSet" })
        {
            kinds[$"apps/v1/{kind}"] = Workload(kind == "Deployment");
        }

        return kinds;
    }

    private static PatchMeta Workload(bool deploymentStrategy = false) => new(Table(t =>
    {
        ObjectMeta(t, "metadata");
        ObjectMeta(t, "spec.template.metadata");
        PodSpec(t, "spec.template.spec");
        Conditions(t, "status");
        if (deploymentStrategy)
        {
            t["spec.strategy"] = new PatchField(PatchStrategy.Merge, RetainKeys: true);
        }
    }));

    private static Dictionary<string, PatchField> Table(Action<Dictionary<string, PatchField>> fill)
    {
        var table = new Dictionary<string, PatchField>(StringComparer.Ordinal);
        fill(table);
        return table;
    }

    private static void ObjectMeta(Dictionary<string, PatchField> t, string at)
    {
        t[$"{at}.finalizers"] = PatchField.MergeSet;
        t[$"{at}.ownerReferences"] = PatchField.MergeBy("uid");
    }

    private static void Conditions(Dictionary<string, PatchField> t, string status) =>
        t[$"{status}.conditions"] = PatchField.MergeBy("type");

    private static void PodSpec(Dictionary<string, PatchField> t, string at)
    {
        t[$"{at}.volumes"] = PatchField.MergeBy("name", retainKeys: true);
        foreach (var containers in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            var c = $"{at}.{containers}";
            t[c] = PatchField.MergeBy("name");
            t[$"{c}.ports"] = PatchField.MergeBy("containerPort");
            t[$"{c}.env"] = PatchField.MergeBy("name");
            t[$"{c}.volumeMounts"] = PatchField.MergeBy("mountPath");
            t[$"{c}.volumeDevices"] = PatchField.MergeBy("devicePath");
        }

        t[$"{at}.imagePullSecrets"] = PatchField.MergeBy("name");
        t[$"{at}.hostAliases"] = PatchField.MergeBy("ip");
        t[$"{at}.topologySpreadConstraints"] = PatchField.MergeBy("topologyKey");
        t[$"{at}.schedulingGates"] = PatchField.MergeBy("name");
        t[$"{at}.resourceClaims"] = PatchField.MergeBy("name", retainKeys: true);
    }
}
