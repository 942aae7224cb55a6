namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>The built-in resources the sandbox serves, named as kube-apiserver 1.31 names them.</summary>
internal static class BuiltInResources
{
    public static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", "namespace", false)
    { ShortNames = ["ns"], HasStatus = true };

    public static readonly ResourceType Nodes = new("", "v1", "Node", "nodes", "node", false)
    { ShortNames = ["no"], HasStatus = true };

    public static readonly ResourceType Pods = new("", "v1", "Pod", "pods", "pod", true)
    { ShortNames = ["po"], Categories = ["all"], HasStatus = true, HasEviction = true };

    public static readonly ResourceType Events = new("", "v1", "Event", "events", "event", true)
    { ShortNames = ["ev"] };

    public static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", "configmap", true)
    { ShortNames = ["cm"] };

    public static readonly ResourceType PodDisruptionBudgets = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget", true)
    { ShortNames = ["pdb"], HasStatus = true, TracksGeneration = true };

    public static readonly ResourceType NewEvents = new("events.k8s.io", "v1", "Event", "events", "event", true)
    { ShortNames = ["ev"], SharedStorageKey = "events" };

    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "Lease", "leases", "lease", true);

    public static readonly ResourceType DaemonSets = Apps("DaemonSet", "daemonsets", "ds");

    public static readonly ResourceType ReplicaSets = Apps("ReplicaSet", "replicasets", "rs");

    public static readonly ResourceType Deployments = Apps("Deployment", "deployments", "deploy");

    public static readonly ResourceType StatefulSets = Apps("StatefulSet", "statefulsets", "sts");

    public static readonly ResourceType CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false)
        { ShortNames = ["crd", "crds"], Categories = ["api-extensions"], HasStatus = true, TracksGeneration = true };

    public static readonly ResourceType ServiceAccounts = new("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true)
    { ShortNames = ["sa"] };

    public static readonly ResourceType ClusterRoles = Rbac("ClusterRole", "clusterroles", false);

    public static readonly ResourceType ClusterRoleBindings = Rbac("ClusterRoleBinding", "clusterrolebindings", false);

    public static readonly ResourceType Roles = Rbac("Role", "roles", true);

    public static readonly ResourceType RoleBindings = Rbac("RoleBinding", "rolebindings", true);

    /// <summary>Create-only: answered from the request's own user, never stored.</summary>
    public static readonly ResourceType SelfSubjectAccessReviews =
        new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", "selfsubjectaccessreview", false)
        { Verbs = ["create"] };

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Nodes, Pods, Events, ConfigMaps, ServiceAccounts, PodDisruptionBudgets, NewEvents, Leases,
        DaemonSets, ReplicaSets, Deployments, StatefulSets, CustomResourceDefinitions,
        ClusterRoles, ClusterRoleBindings, Roles, RoleBindings, SelfSubjectAccessReviews,
    ];

    private static ResourceType Rbac(string kind, string plural, bool namespaced) =>
        new("rbac.authorization.k8s.io", "v1", kind, plural, kind.ToLowerInvariant(), namespaced);

    private static ResourceType Apps(string kind, string plural, string shortName) =>
        new("apps", "v1", kind, plural, kind.ToLowerInvariant(), true)
        { ShortNames = [shortName], Categories = ["all"], HasStatus = true, TracksGeneration = true };
}
