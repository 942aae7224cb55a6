namespace WindowsNodeOperator.Planning;

/// <summary>What the AMI catalog answered: <see cref="AmiFound"/> or <see cref="AmiLookupFailed"/>.</summary>
internal abstract record AmiLookup
{
    private protected AmiLookup()
    {
    }
}
