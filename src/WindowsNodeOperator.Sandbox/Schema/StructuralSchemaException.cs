namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>Thrown for a schema kube-apiserver would reject as not structural; <see cref="Path"/> names the offending node.</summary>
public sealed class StructuralSchemaException : Exception
{
    public StructuralSchemaException()
    {
        Path = string.Empty;
    }

    public StructuralSchemaException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    public StructuralSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    public StructuralSchemaException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
    }

    /// <summary>Where in the schema the problem is, such as <c>openAPIV3Schema.properties[spec].oneOf[0].type</c>.</summary>
    public string Path { get; }
}
