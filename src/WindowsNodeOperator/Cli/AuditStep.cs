using Amazon.Runtime;
using k8s.Autorest;
using k8s.Exceptions;
using Microsoft.Extensions.Options;

namespace WindowsNodeOperator.Cli;

/// <summary>Runs one read of an audit and turns its failure into one line that says why: no credentials, no cluster, a missing permission.</summary>
internal static class AuditStep
{
    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthFailure",
    };

    /// <summary>An AWS read that needs the IAM action <paramref name="iamAction"/> (<c>ec2:DescribeInstances</c>).</summary>
    public static async Task<T> AwsAsync<T>(string iamAction, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (Denied.Contains(e.ErrorCode ?? string.Empty))
        {
            throw new AuditFailure($"access denied: {iamAction} is not allowed ({FirstLine(e.Message)}); see manifests/aws/iam-policy-report.json", e);
        }
        catch (OptionsValidationException e)
        {
            throw new AuditFailure("no AWS region: pass --region, or set AWS_REGION or a region in the profile", e);
        }
        catch (AmazonClientException e) when (e.Message.Contains("credential", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuditFailure($"no AWS credentials: {FirstLine(e.Message)} (set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID)", e);
        }
        catch (AmazonServiceException e)
        {
            throw new AuditFailure($"AWS {iamAction} failed: {e.ErrorCode} {FirstLine(e.Message)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AuditFailure($"AWS {iamAction} could not be reached: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>A Kubernetes read, <paramref name="what"/> naming it (<c>list nodes</c>).</summary>
    public static async Task<T> ClusterAsync<T>(string what, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when ((int?)e.Response?.StatusCode is 401 or 403)
        {
            throw new AuditFailure($"the cluster refused to {what}: {(int)e.Response!.StatusCode} {e.Response.ReasonPhrase} (check the kubeconfig's user and RBAC)", e);
        }
        catch (HttpOperationException e)
        {
            throw new AuditFailure($"the cluster failed to {what}: {(int?)e.Response?.StatusCode} {e.Response?.ReasonPhrase}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AuditFailure($"no cluster: cannot {what} ({FirstLine(e.Message)})", e);
        }
        catch (KubeConfigException e)
        {
            throw new AuditFailure($"no cluster: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
