namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>The end-to-end scenarios run one at a time, after the rest: each steps a whole sandbox and the operator.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndScenarios
{
    public const string Name = "EndToEnd";
}
