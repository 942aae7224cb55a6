namespace WindowsNodeOperator.Tests.Monitoring;

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
