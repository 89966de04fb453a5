using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeSocial.Core.Data;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Consent;

/// <summary>One purpose as an organisation sees it: in force or not, and whose word that is.</summary>
public sealed record PurposeLayer(ConsentPurpose Purpose, bool Offered, SettingSource Source);

/// <summary>
/// Reads a school's consent rules from its policy settings: validity and takedown days layered like every
/// setting, and the purposes list as SafeSocial's defaults changed by the trust, then by the school.
/// Every pupil list and pupil page asks (for the consent badges), so the answer is remembered briefly, as a person's
/// access is: <see cref="SettingsChanged"/> forgets it the moment this process saves a setting or a purpose.
/// </summary>
public sealed class ConsentPolicyService(SafeSocialDb db, PolicySettingsService settings, IMemoryCache? cache = null)
{
    /// <summary>How stale an answer may be when another instance made the change (this one forgets at once).</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(15);
    private static long _generation;

    /// <summary>Whether saving this entity can change a consent policy.</summary>
    public static bool Affects(object entity) => entity is PolicySettings or ConsentPurposeSetting;

    public static void SettingsChanged() => Interlocked.Increment(ref _generation);

    // One request may ask more than once (a pupil page's badge and its consent section): read once per unit of work.
    private readonly Dictionary<Guid, ConsentPolicy> _read = [];

    public async Task<ConsentPolicy> ForAsync(Guid orgId, CancellationToken ct = default)
    {
        if (_read.TryGetValue(orgId, out var known)) return known;
        var key = (nameof(ConsentPolicyService), orgId, Interlocked.Read(ref _generation));
        if (cache is not null && cache.TryGetValue(key, out ConsentPolicy? remembered)) return _read[orgId] = remembered!;
        var effective = await settings.EffectiveForAsync(orgId, ct);
        var purposes = (await PurposesAsync(orgId, ct)).Where(p => p.Offered).Select(p => p.Purpose).ToList();
        var policy = _read[orgId] = new ConsentPolicy(effective.ConsentValidity, purposes, effective.TakedownDueDays) { CompetenceAge = effective.ConsentCompetenceAge };
        cache?.Set(key, policy, RememberFor);
        return policy;
    }

    /// <summary>Every purpose the organisation could offer, with where its standing comes from.</summary>
    public async Task<IReadOnlyList<PurposeLayer>> PurposesAsync(Guid orgId, CancellationToken ct = default)
    {
        var trustId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.TrustId).SingleAsync(ct);
        // The trust's rows are read past the filter, as with other settings: they are what the school inherits.
        var rows = await db.ConsentPurposeSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.OrganisationId == orgId || s.OrganisationId == trustId).ToListAsync(ct);
        return Layer(orgId, trustId, rows);
    }

    /// <summary>The consent rules of several schools at once (a trust's dashboard), in three queries whatever their number.</summary>
    public async Task<IReadOnlyDictionary<Guid, ConsentPolicy>> ForManyAsync(IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default)
    {
        var effective = await settings.EffectiveForManyAsync(orgIds, ct);
        var trusts = await db.Organisations.IgnoreQueryFilters().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.TrustId, ct);
        var layerIds = orgIds.Concat(trusts.Values.OfType<Guid>()).Distinct().ToList();
        var rows = await db.ConsentPurposeSettings.IgnoreQueryFilters().AsNoTracking().Where(s => layerIds.Contains(s.OrganisationId)).ToListAsync(ct);
        return orgIds.Distinct().ToDictionary(id => id, id => new ConsentPolicy(effective[id].ConsentValidity,
            Layer(id, trusts.GetValueOrDefault(id), rows).Where(p => p.Offered).Select(p => p.Purpose).ToList(), effective[id].TakedownDueDays)
            { CompetenceAge = effective[id].ConsentCompetenceAge });
    }

    private static List<PurposeLayer> Layer(Guid orgId, Guid? trustId, List<ConsentPurposeSetting> rows)
    {
        var layers = ConsentPurpose.Defaults.Select(p => new PurposeLayer(p, true, SettingSource.SafeSocialDefault)).ToList();
        foreach (var (row, source) in rows.Where(r => r.OrganisationId == trustId).Select(r => (r, SettingSource.Trust))
                     .Concat(rows.Where(r => r.OrganisationId == orgId).Select(r => (r, SettingSource.ThisOrganisation))))
        {
            var at = layers.FindIndex(l => l.Purpose.Key == row.Key);
            var layer = new PurposeLayer(new ConsentPurpose(row.Key, row.Name), row.Offered, source);
            if (at >= 0) layers[at] = layer; else layers.Add(layer);
        }
        return layers;
    }

    /// <summary>Offers, renames or stops offering a purpose for this organisation. Audited like every change.</summary>
    public async Task SetPurposeAsync(Guid orgId, string key, string name, bool offered, CancellationToken ct = default)
    {
        var own = await db.ConsentPurposeSettings.SingleOrDefaultAsync(s => s.OrganisationId == orgId && s.Key == key, ct);
        if (own is null) db.ConsentPurposeSettings.Add(new ConsentPurposeSetting { Id = Guid.NewGuid(), OrganisationId = orgId, Key = key, Name = name, Offered = offered });
        else { own.Name = name; own.Offered = offered; }
        await db.SaveChangesAsync(ct);
        _read.Clear();
    }
}
