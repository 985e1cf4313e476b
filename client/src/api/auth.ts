/** /v1/auth and /v1/me. Types are local until shared/schemas carries them. */
import { call } from './client'

export type Role = 'applicant' | 'reviewer' | 'admin'
export type SubjectType = 'enterprise' | 'person'

export interface Subject {
  id: string
  type: SubjectType
  name: string
}

export interface Me {
  id: string
  name: string
  role: Role
  /** The enterprise or resident an applicant acts for. */
  subject?: Subject
  /** A reviewer's department code (人社局…). */
  department?: string
  reviewLevel?: 1 | 2
}

/** A seeded demo user offered by the local dev login (never in production). */
export interface DevUser {
  id: string
  name: string
  role: Role
  subjectName?: string
  department?: string
}

export type LoginBody = { wechatCode: string } | { devUserId: string }

export interface LoginResult {
  token: string
  user: Me
}

/** POST /v1/auth/login — WeChat code, or a demo user id on a local stack. */
export const login = (body: LoginBody) => call<LoginResult>('POST', '/v1/auth/login', { body })

/** GET /v1/auth/dev-users — the demo users of the local seed. */
export const listDevUsers = () => call<{ items: DevUser[] }>('GET', '/v1/auth/dev-users')

/** GET /v1/me */
export const getMe = () => call<Me>('GET', '/v1/me')
