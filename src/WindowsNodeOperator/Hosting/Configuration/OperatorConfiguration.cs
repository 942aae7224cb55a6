using Microsoft.Extensions.Configuration;

namespace WindowsNodeOperator.Hosting.Configuration;

/// <summary>The operator's configuration sources, later ones winning: config/operator.json, <c>WNO_</c> environment variables, the command line.</summary>
internal static class OperatorConfiguration
{
    public const string EnvironmentPrefix = "WNO_";

    /// <summary>Beside the binary, and at /app/config in the container, where the Deployment mounts its ConfigMap.</summary>
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "config", "operator.json");

    public static IConfigurationRoot Build(string? file, IEnumerable<KeyValuePair<string, string?>> commandLine)
    {
        var explicitFile = file is not null;
        var path = Path.GetFullPath(file ?? DefaultFile);
        if (explicitFile && !File.Exists(path))
        {
            throw new FileNotFoundException($"--config: the file '{path}' does not exist.", path);
        }

        return new ConfigurationBuilder()
            .AddJsonFile(path, optional: !explicitFile, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(commandLine)
            .Build();
    }
}
