using System.Net;
using k8s;
using k8s.Autorest;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>The sample policy (manifests/samples/windowsnodepolicy.yaml, embedded), created through the API as kubectl would.</summary>
internal static class SandboxSample
{
    public const string Name = "windows-default";

    public static string Read()
    {
        using var stream = typeof(SandboxSample).Assembly.GetManifestResourceStream("samples/windowsnodepolicy.yaml")
            ?? throw new InvalidOperationException("The sample policy is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the sample policy; one already there (a restarted sandbox on the same port) is left as it is.</summary>
    public static async Task ApplyAsync(IKubernetes kubernetes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        var policy = YamlJson.Parse(Read());
        try
        {
            await kubernetes.CustomObjects.CreateClusterCustomObjectAsync(
                policy, WindowsNodePolicy.KubeGroup, WindowsNodePolicy.KubeVersion, WindowsNodePolicy.KubePlural, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }
}
