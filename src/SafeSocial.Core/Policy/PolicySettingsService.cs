using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Policy;

public enum SettingSource { SafeSocialDefault, Trust, ThisOrganisation }

/// <summary>One setting as it stands for an organisation: the value in force, where it comes from, and what it would inherit.</summary>
public sealed record SettingLayer(PolicySettingDefinition Setting, int Value, SettingSource Source, int? OwnValue,
    int InheritedValue, SettingSource InheritedSource, IReadOnlyList<string> SchoolsOverriding);

public sealed record LayeredSettings(Guid OrganisationId, OrganisationKind Kind, Guid? TrustId, EffectivePolicySettings Effective, IReadOnlyList<SettingLayer> Settings)
{
    public SettingLayer this[string key] => Settings.Single(s => s.Setting.Key == key);
}

/// <summary>
/// Layers the policy settings: SafeSocial's defaults, then the trust's, then the school's own. A school
/// reads its trust's settings even when the person asking belongs only to the school: they are what the
/// school inherits, so the trust's row is read past the organisation filter, and only that row.
/// </summary>
public sealed class PolicySettingsService(SafeSocialDb db)
{
    public async Task<EffectivePolicySettings> EffectiveForAsync(Guid organisationId, CancellationToken ct = default) =>
        (await EffectiveForManyAsync([organisationId], ct))[organisationId];

    public async Task<IReadOnlyDictionary<Guid, EffectivePolicySettings>> EffectiveForManyAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct = default)
    {
        var trusts = await db.Organisations.IgnoreQueryFilters()
            .Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.TrustId, ct);
        var settings = await SettingsOfAsync(organisationIds.Concat(trusts.Values.OfType<Guid>()), ct);
        return organisationIds.Distinct().ToDictionary(id => id, id => EffectivePolicySettings.Defaults
            .Over(trusts.GetValueOrDefault(id) is { } trustId ? settings.GetValueOrDefault(trustId) : null)
            .Over(settings.GetValueOrDefault(id)));
    }

    public async Task<LayeredSettings> LayersForAsync(Guid organisationId, CancellationToken ct = default)
    {
        var org = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == organisationId)
            .Select(o => new { o.Kind, o.TrustId }).SingleAsync(ct);
        var settings = await SettingsOfAsync(org.TrustId is { } t ? [organisationId, t] : [organisationId], ct);
        var layered = Layer(organisationId, org.Kind, org.TrustId,
            org.TrustId is { } trustId ? settings.GetValueOrDefault(trustId) : null, settings.GetValueOrDefault(organisationId));
        if (org.Kind != OrganisationKind.Trust) return layered;

        // A trust sees which of its schools have set their own value instead of its own.
        var schools = await db.Organisations.Where(o => o.TrustId == organisationId).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var schoolIds = schools.Select(s => s.Id).ToList();
        var schoolSettings = await db.PolicySettings.AsNoTracking().Where(s => schoolIds.Contains(s.OrganisationId)).ToListAsync(ct);
        return layered with
        {
            Settings = layered.Settings.Select(l => l with
            {
                SchoolsOverriding = schoolSettings.Where(s => l.Setting.Get(s) is not null)
                    .Select(s => schools.Single(x => x.Id == s.OrganisationId).Name).Order().ToList(),
            }).ToList(),
        };
    }

    /// <summary>The layering itself: defaults, then the trust's values, then the organisation's own.</summary>
    public static LayeredSettings Layer(Guid organisationId, OrganisationKind kind, Guid? trustId, PolicySettings? trust, PolicySettings? own)
    {
        var inherited = EffectivePolicySettings.Defaults.Over(trust);
        var layers = PolicySettingDefinition.All.Select(d =>
        {
            var fromTrust = trust is null ? null : d.Get(trust);
            var inheritedSource = fromTrust is null ? SettingSource.SafeSocialDefault : SettingSource.Trust;
            var ownValue = own is null ? null : d.Get(own);
            return new SettingLayer(d, ownValue ?? d.Effective(inherited), ownValue is null ? inheritedSource : SettingSource.ThisOrganisation,
                ownValue, d.Effective(inherited), inheritedSource, []);
        }).ToList();
        return new LayeredSettings(organisationId, kind, trustId, inherited.Over(own), layers);
    }

    /// <summary>Sets the organisation's own value, or with null goes back to inheriting. Audited like every change.</summary>
    public async Task SetAsync(Guid organisationId, PolicySettingDefinition setting, int? value, CancellationToken ct = default)
    {
        if (value is { } v && !setting.Allows(v))
            throw new ArgumentOutOfRangeException(nameof(value), $"{setting.Title} cannot be {v}.");
        var own = await db.PolicySettings.SingleOrDefaultAsync(s => s.OrganisationId == organisationId, ct);
        if (own is null)
        {
            if (value is null) return;
            own = new PolicySettings { Id = Guid.NewGuid(), OrganisationId = organisationId };
            db.PolicySettings.Add(own);
        }
        setting.Set(own, value);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<Guid, PolicySettings>> SettingsOfAsync(IEnumerable<Guid> organisationIds, CancellationToken ct)
    {
        var ids = organisationIds.Distinct().ToList();
        return await db.PolicySettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.OrganisationId))
            .ToDictionaryAsync(s => s.OrganisationId, ct);
    }
}
