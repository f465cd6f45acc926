//! The therapist's dashboard (server only): progress and flags of every exercise.

use std::collections::HashMap;

use super::{
    build::flag_views,
    model::{DashboardExercise, DashboardFamily, PersonProgress, Progress},
    store,
    view::people_in_exercise,
};
use crate::{
    answer::store::flags_of_exercise,
    db::Db,
    error::AppError,
    exercise::store as exercises,
    family::store as families,
    ids::{TemplateId, TherapistId},
    template::{Template, store as templates},
};

pub async fn load(db: &Db, therapist_id: &TherapistId) -> Result<Vec<DashboardFamily>, AppError> {
    let mut template_cache: HashMap<TemplateId, Template> = HashMap::new();
    let mut dashboard = Vec::new();
    for family in families::families_of_therapist(db, therapist_id).await? {
        let participants = families::participants_of_family(db, &family.id).await?.len();
        let mut shown = Vec::new();
        for exercise in exercises::of_family(db, &family.id).await? {
            if !template_cache.contains_key(&exercise.template_id) {
                let template = templates::find(db, &exercise.template_id)
                    .await?
                    .ok_or_else(|| AppError::internal("exercise without its template"))?
                    .template;
                template_cache.insert(exercise.template_id.clone(), template);
            }
            let template = &template_cache[&exercise.template_id];
            let people = people_in_exercise(db, &exercise).await?;
            let journeys = store::journeys(db, &exercise.id).await?;
            let flags = flags_of_exercise(db, &exercise.id).await?;
            shown.push(DashboardExercise {
                people: people
                    .iter()
                    .map(|person| PersonProgress {
                        name: person.display_name.as_str().to_owned(),
                        role: person.role,
                        progress: match journeys.iter().find(|(id, _)| *id == person.id) {
                            None => Progress::NotStarted,
                            Some((_, false)) => Progress::InProgress,
                            Some((_, true)) => Progress::Done,
                        },
                    })
                    .collect(),
                // Without the answers: the dashboard is not an audited read; each flag
                // links to the board, where the answer is read and acknowledged.
                flags: flag_views(template, &people, &flags, None),
                template_title: template.title.clone(),
                id: exercise.id.into(),
                status: exercise.status,
                focus: exercise.focus.map(|f| f.as_str().to_owned()),
            });
        }
        dashboard.push(DashboardFamily {
            id: family.id.into(),
            name: family.name.as_str().to_owned(),
            archived: family.archived_at_ms.is_some(),
            participants,
            exercises: shown,
        });
    }
    Ok(dashboard)
}
