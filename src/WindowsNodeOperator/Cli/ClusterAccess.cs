using k8s;
using k8s.Exceptions;

namespace WindowsNodeOperator.Cli;

/// <summary>Connects to a cluster as kubectl does: <c>--kubeconfig</c>, else the first existing file in <c>KUBECONFIG</c>, else <c>~/.kube/config</c>; <c>--context</c> or the current one.</summary>
internal static class ClusterAccess
{
    public static Kubernetes Connect(string? kubeconfig, string? context, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var files = kubeconfig is { Length: > 0 }
            ? [kubeconfig]
            : environment("KUBECONFIG") is { Length: > 0 } list
                ? list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        var existing = files.Where(File.Exists).ToArray();
        if (existing.Length == 0)
        {
            throw new AuditFailure($"no cluster: no kubeconfig at {string.Join(", ", files)} (pass --kubeconfig or set KUBECONFIG)");
        }

        try
        {
            return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(existing[0], context));
        }
        catch (KubeConfigException e)
        {
            throw new AuditFailure($"no cluster: {e.Message}", e);
        }
    }
}
