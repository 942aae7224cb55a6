using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>
/// The AMI catalog on SSM Parameter Store and EC2 DescribeImages, cached per parameter for a TTL. Callers asking
/// for a parameter that is already being fetched share that fetch.
/// </summary>
internal sealed class SsmAmiCatalog(
    SsmParameterReader parameters, Ec2ImageReader images, IOptions<AmiCatalogOptions> options, TimeProvider time) : IAmiCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<AmiLookup>> _entries = new(StringComparer.Ordinal);

    // An image's name and creation date never change: each id is described once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ImageFacts> _images = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _unknownImages = new(StringComparer.Ordinal);

    public async Task<AmiRelease> GetLatestAsync(string parameterName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameterName);
        var lookups = await LookUpAsync([parameterName], ct);
        var lookup = lookups[parameterName];
        return lookup.Release
            ?? (lookup.NotAnImage is { } value ? throw new AmiParameterNotAnImageException(parameterName, value) : throw new AmiParameterNotFoundException(parameterName));
    }

    public async Task<IReadOnlyDictionary<string, AmiRelease>> GetLatestAsync(IReadOnlyCollection<string> parameterNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        var lookups = await LookUpAsync(parameterNames, ct);
        return lookups.Where(l => l.Value.Release is not null).ToDictionary(l => l.Key, l => l.Value.Release!, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetImageNamesAsync(IReadOnlyCollection<string> imageIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        var now = time.GetUtcNow();

        // An id EC2 did not know is asked about again only after the not-found TTL, so a deregistered template image
        // does not cost a call on every look.
        var unknown = imageIds
            .Distinct(StringComparer.Ordinal)
            .Where(id => !_images.ContainsKey(id) && !(_unknownImages.TryGetValue(id, out var at) && at <= now && now - at < options.Value.NotFoundTtl))
            .ToList();
        if (unknown.Count > 0)
        {
            var found = await images.DescribeAsync(unknown, ct);
            foreach (var id in unknown)
            {
                if (found.TryGetValue(id, out var image))
                {
                    _images[id] = image;
                    _unknownImages.TryRemove(id, out _);
                }
                else
                {
                    _unknownImages[id] = now;
                }
            }
        }

        return imageIds
            .Where(id => _images.TryGetValue(id, out var image) && image.Name is not null)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => _images[id].Name!, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, AmiLookup>> LookUpAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var pending = new Dictionary<string, Task<AmiLookup>>(StringComparer.Ordinal);
        var missing = new List<string>();
        TaskCompletionSource<IReadOnlyDictionary<string, AmiLookup>>? batch = null;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (_entries.TryGetValue(name, out var entry) && IsUsable(entry, now))
                {
                    pending[name] = entry;
                }
                else
                {
                    missing.Add(name);
                }
            }

            if (missing.Count > 0)
            {
                batch = new TaskCompletionSource<IReadOnlyDictionary<string, AmiLookup>>(TaskCreationOptions.RunContinuationsAsynchronously);
                foreach (var name in missing)
                {
                    var entry = PickAsync(batch.Task, name);
                    _entries[name] = entry;
                    pending[name] = entry;
                }
            }
        }

        if (batch is not null)
        {
            // Not bound to this caller's token: others may be waiting on the same fetch. The pipeline's
            // per-attempt timeout and retry limit bound it.
            _ = FetchAsync(missing, batch);
        }

        var results = new Dictionary<string, AmiLookup>(StringComparer.Ordinal);
        foreach (var (name, entry) in pending)
        {
            results[name] = await entry.WaitAsync(ct);
        }

        return results;
    }

    private bool IsUsable(Task<AmiLookup> entry, DateTimeOffset now)
    {
        if (!entry.IsCompleted)
        {
            return true;
        }

        if (!entry.IsCompletedSuccessfully)
        {
            return false;
        }

        var lookup = entry.Result;
        var ttl = lookup.Release is null ? options.Value.NotFoundTtl : options.Value.Ttl;
        // A look stamped after now was taken before the wall clock stepped back: it is read again, or a day's step back
        // would hide a new AMI for a day.
        return lookup.CheckedAt <= now && now - lookup.CheckedAt < ttl;
    }

    private static async Task<AmiLookup> PickAsync(Task<IReadOnlyDictionary<string, AmiLookup>> batch, string name) =>
        (await batch)[name];

    private async Task FetchAsync(List<string> names, TaskCompletionSource<IReadOnlyDictionary<string, AmiLookup>> batch)
    {
        try
        {
            var values = await parameters.GetImageIdsAsync(names, CancellationToken.None);
            var unknown = values.Values.Select(v => v.ImageId).OfType<string>().Where(id => !_images.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                foreach (var (id, image) in await images.DescribeAsync(unknown, CancellationToken.None))
                {
                    _images[id] = image;
                }
            }

            var facts = _images;
            var checkedAt = time.GetUtcNow();
            var lookups = new Dictionary<string, AmiLookup>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                AmiRelease? release = null;
                string? notAnImage = null;
                if (values.TryGetValue(name, out var value) && value.ImageId is { } imageId)
                {
                    facts.TryGetValue(imageId, out var image);
                    release = new AmiRelease(name, imageId, image?.Name, image?.CreatedAt, checkedAt, value.LastModified);
                }
                else if (value is not null)
                {
                    notAnImage = value.Value;
                }

                lookups[name] = new AmiLookup(release, checkedAt, notAnImage);
            }

            batch.SetResult(lookups);
        }
        catch (Exception e)
        {
            batch.SetException(e);
        }
    }
}
