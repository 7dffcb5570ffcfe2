-- test: index_within_its_indicator
-- an index filed under another indicator would score that indicator with a foreign component
select load_id, source_line, indicator_id, index_id from stg_indicator_indices
where index_id in ('judicial_quality_index') and indicator_id <> 'enforcing_contracts'
    or index_id in ('insolvency_framework_index') and indicator_id <> 'resolving_insolvency'
    or index_id in ('disclosure_index', 'director_liability_index', 'shareholder_suits_index',
        'shareholder_rights_index', 'ownership_control_index', 'corporate_transparency_index')
        and indicator_id <> 'protecting_minority_investors'
    or index_id in ('building_quality_index') and indicator_id <> 'dealing_with_construction_permits'
    or index_id in ('reliability_index') and indicator_id <> 'getting_electricity'
    or index_id in ('land_admin_quality_index') and indicator_id <> 'registering_property'
    or index_id in ('legal_rights_index', 'credit_information_index') and indicator_id <> 'getting_credit'
    or index_id in ('postfiling_index') and indicator_id <> 'paying_taxes'
