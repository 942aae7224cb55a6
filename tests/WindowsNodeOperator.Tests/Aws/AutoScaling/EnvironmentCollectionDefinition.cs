namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>Tests that set process environment variables; they run alone so no other test sees them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollectionDefinition
{
    public const string Name = "process environment";
}
