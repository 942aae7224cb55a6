namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The WindowsNodePolicy CRD of this checkout, found above the running binary.</summary>
internal static class CrdFile
{
    public static string Read()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var crd = Path.Combine(dir.FullName, "manifests", "crd", "windowsnodepolicies.yaml");
            if (File.Exists(crd))
            {
                return File.ReadAllText(crd);
            }
        }

        throw new FileNotFoundException("manifests/crd/windowsnodepolicies.yaml not found above " + AppContext.BaseDirectory);
    }
}
