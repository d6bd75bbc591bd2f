/**
 * Access-group rules: weekly windows must be valid, doors must exist, and a person or organisation member must exist
 * in the tenant (checked through `members.directory`, tenant-scoped, so another tenant's id is unknown too), a plan
 * member likewise through `billing.plans` — billing is only an optional dependency, so without billing running no
 * plan can be found and a plan member is refused — each a 422 naming the field. Every change asks for a grant push
 * to the agents of the doors concerned.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingPlans } from '@tessera/plugin-billing/contract'
import type { Group, GroupInput, GroupMember, GroupPatch } from '../contract/index.ts'
import {
  agentsOfDoors, deleteGroup, deleteGroupMember, existingDoorIds, getGroup, insertGroup, insertGroupMember, renameGroup, replaceGroupDoors, setGroupSchedule,
} from '../store/groups-store.ts'
import { scheduleProblems } from './weekly-windows.ts'
import type { WeeklySchedule } from './weekly-windows.ts'
import { requestGrantSync } from './grant-sync.ts'
import type { AccessContext } from './access-config.ts'

/** A group; 404 when there is none. */
export async function groupOr404(ctx: AccessContext, id: string): Promise<Group> {
  const group = await getGroup(ctx.db, id)
  if (!group) throw problem.notFound('No such group.')
  return group
}

function checkSchedule(schedule: WeeklySchedule | null | undefined): void {
  if (!schedule) return
  const errors = scheduleProblems(schedule)
  if (errors.length) throw problem.unprocessable('The weekly windows are not valid.', errors)
}

async function setDoors(ctx: AccessContext, groupId: string, doorIds: string[]): Promise<void> {
  const known = await existingDoorIds(ctx.db, doorIds)
  const missing = doorIds.filter((d) => !known.has(d))
  if (missing.length) throw problem.unprocessable('Unknown doors.', missing.map((d) => ({ pointer: `/body/doorIds/${doorIds.indexOf(d)}`, detail: 'no such door' })))
  await replaceGroupDoors(ctx.db, groupId, doorIds)
}

async function addMember(ctx: AccessContext, groupId: string, m: GroupMember, pointer: string): Promise<void> {
  const dir = ctx.services.get(membersDirectory)
  if (m.kind === 'person' && !(await dir.getPerson(m.id))) throw problem.unprocessable('No such person.', [{ pointer, detail: 'no such person' }])
  if (m.kind === 'organisation' && !(await dir.getOrganisation(m.id))) throw problem.unprocessable('No such organisation.', [{ pointer, detail: 'no such organisation' }])
  if (m.kind === 'plan') {
    const plans = ctx.services.optional(billingPlans)
    if (!plans) throw problem.unprocessable('No such plan: billing is not running.', [{ pointer, detail: 'no such plan (billing is not installed)' }])
    if (!(await plans.getPlan(m.id))) throw problem.unprocessable('No such plan.', [{ pointer, detail: 'no such plan' }])
  }
  await insertGroupMember(ctx.db, groupId, m)
}

/** Creates a group with its doors and members. */
export async function createGroup(ctx: AccessContext, body: GroupInput): Promise<Group> {
  checkSchedule(body.schedule)
  const id = await insertGroup(ctx.db, body.name, body.schedule ?? null)
  if (body.doorIds?.length) await setDoors(ctx, id, body.doorIds)
  for (const [i, m] of (body.members ?? []).entries()) await addMember(ctx, id, m, `/body/members/${i}/id`)
  await requestGrantSync(ctx, await agentsOfDoors(ctx.db, body.doorIds ?? []))
  return groupOr404(ctx, id)
}

/** Changes a group's name, windows or doors. */
export async function updateGroup(ctx: AccessContext, id: string, body: GroupPatch): Promise<Group> {
  const before = await groupOr404(ctx, id)
  checkSchedule(body.schedule)
  if (body.name !== undefined) await renameGroup(ctx.db, id, body.name)
  if (body.schedule !== undefined) await setGroupSchedule(ctx.db, id, body.schedule)
  if (body.doorIds !== undefined) await setDoors(ctx, id, body.doorIds)
  await requestGrantSync(ctx, await agentsOfDoors(ctx.db, [...new Set([...before.doorIds, ...(body.doorIds ?? [])])]))
  return groupOr404(ctx, id)
}

/** Deletes a group. */
export async function removeGroup(ctx: AccessContext, id: string): Promise<void> {
  const before = await groupOr404(ctx, id)
  await deleteGroup(ctx.db, id)
  await requestGrantSync(ctx, await agentsOfDoors(ctx.db, before.doorIds))
}

/** Adds a member to a group. */
export async function addGroupMember(ctx: AccessContext, id: string, m: GroupMember): Promise<Group> {
  const before = await groupOr404(ctx, id)
  await addMember(ctx, id, m, '/body/id')
  await requestGrantSync(ctx, await agentsOfDoors(ctx.db, before.doorIds))
  return groupOr404(ctx, id)
}

/** Removes a member from a group. */
export async function removeGroupMember(ctx: AccessContext, id: string, m: GroupMember): Promise<Group> {
  const before = await groupOr404(ctx, id)
  await deleteGroupMember(ctx.db, id, m)
  await requestGrantSync(ctx, await agentsOfDoors(ctx.db, before.doorIds))
  return groupOr404(ctx, id)
}
