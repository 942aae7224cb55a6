namespace WindowsNodeOperator.Runtime.Status;

/// <summary>Writes an object's status through its status subresource, only when it changed.</summary>
public interface IStatusWriter
{
    /// <summary>
    /// Makes the object's <c>status</c> equal to <paramref name="status"/> plus <c>observedGeneration</c>
    /// (a JSON merge patch guarded by resourceVersion, re-read and retried on 409 Conflict). Returns false
    /// when nothing needed writing or the object is gone.
    /// </summary>
    Task<bool> WriteAsync(ResourceType type, ObjectKey key, object status, long? observedGeneration, CancellationToken ct);
}
