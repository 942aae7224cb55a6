namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>The test classes that share one <see cref="MotoServer"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollectionDefinition : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
