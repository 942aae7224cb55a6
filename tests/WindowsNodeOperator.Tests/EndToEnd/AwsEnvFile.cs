namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Reads the `export NAME=value` and `unset NAME...` lines the sandbox writes with --aws-env, as a shell would apply them.</summary>
internal static class AwsEnvFile
{
    public static Dictionary<string, string?> Read(string path)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal) && line[7..].Split('=', 2) is [var name, var value])
            {
                environment[name] = value;
            }
            else if (line.StartsWith("unset ", StringComparison.Ordinal))
            {
                foreach (var unset in line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    environment[unset] = null;
                }
            }
        }

        return environment;
    }
}
