namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>
/// A patch that cannot be applied, with the HTTP status kube-apiserver answers for it
/// (400 for a malformed patch, 422 for one that does not apply to the object).
/// </summary>
public sealed class PatchException(string message, int statusCode = 422) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
