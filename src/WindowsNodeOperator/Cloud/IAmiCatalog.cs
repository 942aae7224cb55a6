namespace WindowsNodeOperator.Cloud;

/// <summary>The latest AMI published under an SSM parameter (such as the EKS-optimized Windows ones), cached.</summary>
public interface IAmiCatalog
{
    /// <exception cref="AmiParameterNotFoundException">The parameter does not exist.</exception>
    /// <exception cref="AmiParameterNotAnImageException">The parameter holds no AMI id.</exception>
    Task<AmiRelease> GetLatestAsync(string parameterName, CancellationToken ct);

    /// <summary>Several parameters at once; names that do not exist are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, AmiRelease>> GetLatestAsync(IReadOnlyCollection<string> parameterNames, CancellationToken ct);

    /// <summary>The names of the images EC2 knows among <paramref name="imageIds"/>; an image's name never changes, so each is described once.</summary>
    Task<IReadOnlyDictionary<string, string>> GetImageNamesAsync(IReadOnlyCollection<string> imageIds, CancellationToken ct);
}
