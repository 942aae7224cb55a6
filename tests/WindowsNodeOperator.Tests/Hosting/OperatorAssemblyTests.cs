using WindowsNodeOperator.Hosting;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>What ships: the operator's image holds the operator, never the simulator it is tested against.</summary>
public sealed class OperatorAssemblyTests
{
    [Fact]
    public void The_operator_references_no_sandbox_assembly()
    {
        var references = typeof(OperatorHost).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("WindowsNodeOperator.Runtime", references);
        Assert.DoesNotContain(references, name => name!.Contains("Sandbox", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_operator_project_and_the_dockerfile_leave_the_sandbox_out()
    {
        var project = File.ReadAllText(RepositoryRoot.Combine("src", "WindowsNodeOperator", "WindowsNodeOperator.csproj"));
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));

        Assert.DoesNotContain("WindowsNodeOperator.Sandbox.csproj", project, StringComparison.Ordinal);
        Assert.DoesNotContain("COPY src/ ", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("WindowsNodeOperator.Sandbox", dockerfile, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/WindowsNodeOperator/WindowsNodeOperator.csproj", dockerfile, StringComparison.Ordinal);
    }
}
