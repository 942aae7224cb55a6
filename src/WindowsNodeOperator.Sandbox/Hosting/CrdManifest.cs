namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>The WindowsNodePolicy CRD, embedded from manifests/crd so the binary always carries the schema it was built with.</summary>
internal static class CrdManifest
{
    public static string Read()
    {
        using var stream = typeof(CrdManifest).Assembly.GetManifestResourceStream("crd/windowsnodepolicies.yaml")
            ?? throw new InvalidOperationException("The WindowsNodePolicy CRD is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
