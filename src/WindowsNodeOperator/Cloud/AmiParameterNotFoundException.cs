namespace WindowsNodeOperator.Cloud;

/// <summary>The SSM parameter a policy names does not exist (or is not visible to the operator): the spec must change.</summary>
public sealed class AmiParameterNotFoundException : Exception
{
    public AmiParameterNotFoundException()
        : this(string.Empty)
    {
    }

    public AmiParameterNotFoundException(string parameterName)
        : base($"SSM parameter '{parameterName}' does not exist.")
    {
        ParameterName = parameterName;
    }

    public AmiParameterNotFoundException(string parameterName, Exception innerException)
        : base($"SSM parameter '{parameterName}' does not exist.", innerException)
    {
        ParameterName = parameterName;
    }

    public string ParameterName { get; } = string.Empty;
}
